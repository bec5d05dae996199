package io.omnis.fulfilment;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.inventory.LocationId;

/**
 * What a picker fetches at a location for the shipped fulfilments (SHIP, SAME_DAY) whose
 * pick lists are open: one entry per SKU with the units still to pick, and the tasks they
 * go to, the most overdue first.
 */
public record PickList(LocationId locationId, Instant at, List<Entry> entries) {

	public record Entry(String sku, @Nullable String barcode, int toPick, List<Pick> picks) {
	}

	public record Pick(String taskId, FulfilmentId fulfilmentId, String reference, FulfilmentMethod method,
			int quantity, int picked, Instant dueAt) {
	}

}
