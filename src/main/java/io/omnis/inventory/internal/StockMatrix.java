package io.omnis.inventory.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.omnis.inventory.NetworkStock;
import io.omnis.inventory.Sku;

/**
 * The rows of a network stock read as they come, straight into a SKU × location matrix:
 * each location is numbered on its first row, found again by its id's bytes in an
 * open-addressing table (no string, box or map entry per row), the columns growing by
 * doubling.
 */
final class StockMatrix {

	private byte[][] keys = new byte[64][];

	private String[] ids = new String[64];

	/** Slot → location number + 1 (0: free); a power of two, at most half full. */
	private int[] slots = new int[128];

	private final int[][] units;

	private final boolean[] stocked;

	private int size;

	/** The location number the next row most likely names. */
	private int expected;

	private String version = "";

	StockMatrix(int skus) {
		this.units = new int[skus][64];
		this.stocked = new boolean[skus];
	}

	/** Units of SKU number {@code sku} available at {@code location}. */
	void add(String location, int sku, int available) {
		add(location.getBytes(StandardCharsets.UTF_8), sku, available);
	}

	/**
	 * Units of SKU number {@code sku} available at the location whose id is
	 * {@code location} in UTF-8 (kept only when first seen, copied).
	 */
	void add(byte[] location, int sku, int available) {
		int k = number(location);
		units[sku][k] = available;
		stocked[sku] = true;
	}

	private int number(byte[] location) {
		// Each SKU's rows come in the stock key's order, the same locations in the same
		// order as the SKU before: the location numbered after the last one found is
		// tried first, without hashing
		int expected = this.expected;
		if (expected < size && Arrays.equals(keys[expected], location)) {
			this.expected = expected + 1;
			return expected;
		}
		int k = lookUp(location);
		this.expected = k + 1;
		return k;
	}

	private int lookUp(byte[] location) {
		int mask = slots.length - 1;
		int slot = hash(location) & mask;
		for (int at = slots[slot]; at != 0; at = slots[slot]) {
			if (Arrays.equals(keys[at - 1], location)) {
				return at - 1;
			}
			slot = (slot + 1) & mask;
		}
		int k = size++;
		if (k == ids.length) {
			ids = Arrays.copyOf(ids, k * 2);
			keys = Arrays.copyOf(keys, k * 2);
			for (int i = 0; i < units.length; i++) {
				units[i] = Arrays.copyOf(units[i], k * 2);
			}
		}
		keys[k] = location.clone();
		ids[k] = new String(location, StandardCharsets.UTF_8);
		slots[slot] = k + 1;
		if (size * 2 > slots.length) {
			rehash();
		}
		return k;
	}

	private void rehash() {
		slots = new int[slots.length * 2];
		int mask = slots.length - 1;
		for (int k = 0; k < size; k++) {
			int slot = hash(keys[k]) & mask;
			while (slots[slot] != 0) {
				slot = (slot + 1) & mask;
			}
			slots[slot] = k + 1;
		}
	}

	private static int hash(byte[] bytes) {
		// Arrays.hashCode of a byte[] is vectorized by the JIT; a loop here was not
		int h = Arrays.hashCode(bytes);
		return h ^ (h >>> 16);
	}

	boolean stocked(int sku) {
		return stocked[sku];
	}

	/** Marks SKU number {@code sku} as having a stock row somewhere, or not. */
	void stocked(int sku, boolean is) {
		stocked[sku] = is;
	}

	/** Units available across every location, per SKU number. */
	int[] totals() {
		int[] totals = new int[units.length];
		for (int sku = 0; sku < units.length; sku++) {
			for (int k = 0; k < size; k++) {
				totals[sku] += units[sku][k];
			}
		}
		return totals;
	}

	/**
	 * The sorted ids of the locations where every SKU number {@code i} has at least
	 * {@code quantities[i]} units, each at least 1 (a location without a row for a SKU
	 * has none of it).
	 */
	String[] filling(int[] quantities) {
		List<String> filling = new ArrayList<>();
		for (int k = 0; k < size; k++) {
			boolean fills = true;
			for (int sku = 0; sku < units.length && fills; sku++) {
				fills = units[sku][k] >= Math.max(1, quantities[sku]);
			}
			if (fills) {
				filling.add(ids[k]);
			}
		}
		String[] sorted = filling.toArray(String[]::new);
		Arrays.sort(sorted);
		return sorted;
	}

	void version(String version) {
		this.version = version;
	}

	NetworkStock stock(List<Sku> skus) {
		return new NetworkStock(skus, Arrays.copyOf(ids, size), units, stocked, version);
	}

}
