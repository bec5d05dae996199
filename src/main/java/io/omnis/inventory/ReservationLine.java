package io.omnis.inventory;

import java.util.Comparator;

/**
 * Units of one SKU held at one location.
 *
 * @param fromAllocation of the quantity, how many came from the channel's allocation
 */
public record ReservationLine(Sku sku, LocationId locationId, int quantity, int fromAllocation) {

	/**
	 * The order in which stock rows are locked, by every transaction, so that two carts
	 * sharing SKUs never deadlock.
	 */
	public static final Comparator<ReservationLine> LOCK_ORDER = Comparator.comparing(ReservationLine::sku)
		.thenComparing(ReservationLine::locationId);

	/** What a line asks for before anything is held. */
	public static ReservationLine of(Sku sku, LocationId locationId, int quantity) {
		return new ReservationLine(sku, locationId, quantity, 0);
	}

}
