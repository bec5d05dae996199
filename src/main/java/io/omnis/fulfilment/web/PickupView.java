package io.omnis.fulfilment.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.fulfilment.Pickup;

/**
 * A pickup as the API and the store's pages show it: ids as strings, what waits and what
 * was collected, by whom and when.
 */
public record PickupView(String fulfilmentId, String reference, @Nullable String customer, String locationId,
		FulfilmentMethod method, Pickup.Status status, Instant readyAt, Instant holdUntil, @Nullable Instant arrivedAt,
		@Nullable String parkingSpot, @Nullable Instant closedAt, int remaining, int collected, List<Pickup.Line> lines,
		List<Pickup.HandOver> handOvers) {

	static PickupView of(Pickup p) {
		return new PickupView(p.fulfilmentId().value(), p.reference(), p.customer(), p.locationId().value(), p.method(),
				p.status(), p.readyAt(), p.holdUntil(), p.arrivedAt(), p.parkingSpot(), p.closedAt(), p.remaining(),
				p.collected(), p.lines(), p.handOvers());
	}

}
