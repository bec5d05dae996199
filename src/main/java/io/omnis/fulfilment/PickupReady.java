package io.omnis.fulfilment;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.LocationId;

/**
 * Every line of a click-and-collect or curbside fulfilment waits at the store: the
 * customer can be told, with a code from {@link Pickups#issueCode}.
 */
public record PickupReady(FulfilmentId fulfilmentId, ChannelId channelId, String reference, @Nullable String customer,
		LocationId locationId, FulfilmentMethod method, Instant holdUntil, Instant occurredAt) {
}
