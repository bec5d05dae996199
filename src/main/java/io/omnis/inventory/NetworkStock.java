package io.omnis.inventory;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a channel can promise of a few SKUs across the network, by location, read in one
 * statement: only the locations where some of it is available.
 *
 * @param skus the SKUs asked about, in the order of each location's array
 * @param available per location, the units of {@code skus.get(i)} at index {@code i} (0
 * where none can be had); locations with nothing available are left out
 * @param stocked the SKUs that have a stock row at some location (even with nothing
 * available)
 * @param locationsVersion changes whenever a location is created or changed, read in the
 * same statement as the stock: what a copy of the locations is checked against
 */
public record NetworkStock(List<Sku> skus, Map<LocationId, int[]> available, Set<Sku> stocked,
		String locationsVersion) {
}
