package io.omnis.fulfilment;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.inventory.LocationId;

/**
 * Work a location owes a fulfilment: pick, pack, hand over (to the customer or the
 * carrier), or restock a return, due at a time.
 *
 * @param fulfilmentId the fulfilment served; null only for a RESTOCK_RETURN task
 * @param returnId the return (ret_…) whose goods a RESTOCK_RETURN task takes in
 */
public record WorkTask(String id, LocationId locationId, @Nullable FulfilmentId fulfilmentId, Kind kind, Status status,
		Instant dueAt, Instant createdAt, @Nullable Instant doneAt, List<Item> items, @Nullable String returnId) {

	/** A task of a fulfilment. */
	public WorkTask(String id, LocationId locationId, FulfilmentId fulfilmentId, Kind kind, Status status,
			Instant dueAt, Instant createdAt, @Nullable Instant doneAt, List<Item> items) {
		this(id, locationId, fulfilmentId, kind, status, dueAt, createdAt, doneAt, items, null);
	}

	public enum Kind {

		PICK, PACK, HAND_OVER, RESTOCK_RETURN

	}

	public enum Status {

		OPEN, DONE, CANCELLED

	}

	/**
	 * A line of a pick list, or of a return to restock; scanning its barcode (or its SKU)
	 * picks (or checks in) one unit.
	 */
	public record Item(String allocationId, String sku, @Nullable String barcode, int quantity, int picked) {
	}

	public boolean lateAt(Instant now) {
		return status == Status.OPEN && dueAt.isBefore(now);
	}

}
