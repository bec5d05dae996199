package io.omnis.fulfilment;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.ReservationId;

/**
 * A routed request: where its lines are served, the reservation that holds them there,
 * the explanation of the decision and every re-route since.
 */
public record Fulfilment(FulfilmentId id, ChannelId channelId, String reference, @Nullable String customer,
		FulfilmentMethod method, @Nullable Coordinates destination, @Nullable LocationId pickupLocationId,
		ReservationId reservationId, List<Allocation> allocations, Explanation explanation, List<Reroute> reroutes,
		Instant createdAt) {

	public List<Allocation> active() {
		return allocations.stream().filter(a -> a.status() == Allocation.Status.ACTIVE).toList();
	}

}
