package io.omnis.inventory;

import org.jspecify.annotations.Nullable;

/**
 * What a channel can promise of a SKU at one location.
 *
 * @param distanceKm how far the location is from the point asked about, when one was
 */
public record LocationAvailability(Sku sku, LocationId locationId, String locationName, int available,
		@Nullable Double distanceKm) {
}
