package io.omnis.fulfilment;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.inventory.LocationId;

/** A curbside customer said she has arrived, and where she parked. */
public record CustomerArrived(FulfilmentId fulfilmentId, String reference, @Nullable String customer,
		LocationId locationId, String parkingSpot, Instant occurredAt) {
}
