package io.omnis.inventory;

import java.util.Arrays;
import java.util.List;

/**
 * What a channel can promise of a few SKUs across the network, by location, read in one
 * statement: only the locations where some of it is available, numbered 0..n-1 in the
 * order the rows came, with the units in one matrix of SKU × location.
 */
public final class NetworkStock {

	private final List<Sku> skus;

	private final String[] locationIds;

	private final int[][] units;

	private final boolean[] stocked;

	private final String locationsVersion;

	/**
	 * @param units per SKU (in the order of {@code skus}), the units available at each
	 * location
	 * @param stocked per SKU, whether some location has a stock row for it (even with
	 * nothing available)
	 * @param locationsVersion changes whenever a location is created or changed, read in
	 * the same statement as the stock: what a copy of the locations is checked against
	 */
	public NetworkStock(List<Sku> skus, String[] locationIds, int[][] units, boolean[] stocked,
			String locationsVersion) {
		this.skus = skus;
		this.locationIds = locationIds;
		this.units = units;
		this.stocked = stocked;
		this.locationsVersion = locationsVersion;
	}

	/** The SKUs asked about; their positions index {@link #available}. */
	public List<Sku> skus() {
		return skus;
	}

	/** How many locations have some of the SKUs available. */
	public int locations() {
		return locationIds.length;
	}

	/** The id ({@code loc_…}) of location {@code k}, as stored. */
	public String locationId(int k) {
		return locationIds[k];
	}

	/** Units of SKU {@code sku} (its position) available at location {@code k}. */
	public int available(int sku, int k) {
		return units[sku][k];
	}

	/** Whether SKU {@code sku} (its position) has a stock row at some location. */
	public boolean stocked(int sku) {
		return stocked[sku];
	}

	public String locationsVersion() {
		return locationsVersion;
	}

	@Override
	public String toString() {
		return "NetworkStock[skus=" + skus + ", locations=" + Arrays.toString(locationIds) + "]";
	}

}
