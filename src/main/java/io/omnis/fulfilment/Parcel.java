package io.omnis.fulfilment;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.inventory.LocationId;

/**
 * Units of a fulfilment packed together at one location, weighed, and (once shipped) the
 * carrier's tracking number and link, with every status it went through.
 */
public record Parcel(ParcelId id, FulfilmentId fulfilmentId, LocationId locationId, String taskId, int weightGrams,
		@Nullable Dimensions dimensions, ParcelStatus status, @Nullable String carrier, @Nullable String trackingNumber,
		@Nullable String trackingUrl, List<Item> items, List<Event> history, Instant createdAt, Instant updatedAt) {

	/** Outer size in millimetres. */
	public record Dimensions(int lengthMm, int widthMm, int heightMm) {
	}

	public record Item(String sku, int quantity) {
	}

	/** A status the parcel reached, and who said so. */
	public record Event(ParcelStatus status, @Nullable String note, String actor, Instant occurredAt) {
	}

}
