package io.omnis.returns;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.order.OrderId;

/**
 * A customer started a return of units of an order.
 */
public record ReturnRequested(ReturnId returnId, OrderId orderId, ChannelId channelId, @Nullable String profileId,
		Resolution resolution, int units, Instant occurredAt) {
}
