package io.omnis.fulfilment;

import org.jspecify.annotations.Nullable;

import io.omnis.inventory.LocationId;
import io.omnis.inventory.Sku;

/**
 * Units of a line held and to be picked at one location; a REJECTED one stays as the
 * record of where it could not be served, and why.
 */
public record Allocation(String id, int lineNo, Sku sku, int quantity, LocationId locationId, Status status,
		@Nullable String reason) {

	public enum Status {

		ACTIVE, REJECTED

	}

}
