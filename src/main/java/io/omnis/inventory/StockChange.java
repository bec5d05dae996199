package io.omnis.inventory;

import org.jspecify.annotations.Nullable;

/**
 * A change to record: units received, sold, counted, moved or corrected at a location.
 *
 * @param quantity units, positive; signed for an ADJUSTMENT; the counted units for a
 * COUNT
 * @param reason why, in the words of whoever made the change
 * @param reference what the change belongs to outside Omnis (a delivery note, a till
 * receipt)
 */
public record StockChange(MovementType type, Sku sku, LocationId locationId, int quantity, @Nullable String reason,
		@Nullable String reference) {
}
