package io.omnis.fulfilment;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.LocationId;

/**
 * The customer collected (part of) her pickup at the counter with her code.
 *
 * @param remaining units still waiting for her (0 once it is closed)
 * @param returned units she did not take that went back to stock
 */
public record PickupCollected(FulfilmentId fulfilmentId, ChannelId channelId, String reference,
		@Nullable String customer, LocationId locationId, int handedOver, int remaining, int returned, String handedBy,
		Instant occurredAt) {
}
