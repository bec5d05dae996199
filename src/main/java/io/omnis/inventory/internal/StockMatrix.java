package io.omnis.inventory.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.omnis.inventory.NetworkStock;
import io.omnis.inventory.Sku;

/**
 * The rows of a network stock read as they come, straight into a SKU × location matrix:
 * each location is numbered on its first row, the columns grow by doubling.
 */
final class StockMatrix {

	private final Map<String, Integer> index = new HashMap<>(512);

	private String[] ids = new String[64];

	private final int[][] units;

	private final boolean[] stocked;

	private int size;

	private String version = "";

	StockMatrix(int skus) {
		this.units = new int[skus][64];
		this.stocked = new boolean[skus];
	}

	/** Units of SKU number {@code sku} available at {@code location}. */
	void add(String location, int sku, int available) {
		Integer known = index.get(location);
		int k;
		if (known == null) {
			k = size++;
			if (k == ids.length) {
				ids = Arrays.copyOf(ids, k * 2);
				for (int i = 0; i < units.length; i++) {
					units[i] = Arrays.copyOf(units[i], k * 2);
				}
			}
			ids[k] = location;
			index.put(location, k);
		}
		else {
			k = known;
		}
		units[sku][k] = available;
		stocked[sku] = true;
	}

	boolean stocked(int sku) {
		return stocked[sku];
	}

	/** Marks SKU number {@code sku} as having a stock row somewhere, or not. */
	void stocked(int sku, boolean is) {
		stocked[sku] = is;
	}

	void version(String version) {
		this.version = version;
	}

	NetworkStock stock(List<Sku> skus) {
		return new NetworkStock(skus, Arrays.copyOf(ids, size), units, stocked, version);
	}

}
