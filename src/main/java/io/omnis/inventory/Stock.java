package io.omnis.inventory;

import java.time.Instant;

/**
 * The stock of a SKU at a location.
 *
 * @param reserved units held by reservations
 * @param safetyStock units never offered, a buffer against miscounts
 * @param allocated units ring-fenced for channels and not reserved yet
 */
public record Stock(Sku sku, LocationId locationId, int onHand, int reserved, int safetyStock, int allocated,
		Instant updatedAt) {

	/** What can still be promised, whichever channel asks. */
	public int free() {
		return Math.max(0, onHand - reserved - safetyStock);
	}

	/** What every channel may sell: the free units no channel holds. */
	public int unallocated() {
		return Math.max(0, onHand - reserved - safetyStock - allocated);
	}

	/**
	 * What a channel may sell: the unallocated units plus what is still held for it.
	 */
	public int availableTo(int heldForChannel) {
		return Math.min(free(), unallocated() + heldForChannel);
	}

}
