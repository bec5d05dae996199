package io.omnis.fulfilment;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.LocationId;

/**
 * A pickup was not (fully) collected within its hold period: the units left were returned
 * to stock. When {@code collected} is zero nothing left the store and the reservation was
 * let go; otherwise the collected units were sold and the fulfilment handed over.
 */
public record PickupExpired(FulfilmentId fulfilmentId, ChannelId channelId, String reference, @Nullable String customer,
		LocationId locationId, int collected, int returned, Instant occurredAt) {
}
