package io.omnis.inventory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;

/**
 * One entry of the stock ledger, with the stock as it was after it.
 */
public record Movement(String id, Sku sku, LocationId locationId, MovementType type, int onHandDelta, int reservedDelta,
		int onHandAfter, int reservedAfter, @Nullable String reason, @Nullable String reference,
		@Nullable ChannelId channelId, String actor, Instant occurredAt) {
}
