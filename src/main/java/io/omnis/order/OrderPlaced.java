package io.omnis.order;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;

/**
 * An order was placed (checked out from a cart, or rung up at a till).
 */
public record OrderPlaced(OrderId orderId, OrderKind kind, ChannelId channelId, @Nullable String profileId, Money total,
		Instant occurredAt) {
}
