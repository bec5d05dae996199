package io.omnis.order;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;

/**
 * An order is done: delivered, picked up, or rung up at a till.
 */
public record OrderCompleted(OrderId orderId, OrderKind kind, ChannelId channelId, @Nullable String profileId,
		Money total, Instant occurredAt) {
}
