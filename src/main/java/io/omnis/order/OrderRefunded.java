package io.omnis.order;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;

/**
 * Money was given back on an order (cancelled after payment, or goods returned).
 */
public record OrderRefunded(OrderId orderId, ChannelId channelId, @Nullable String profileId, String refundId,
		Money amount, String reason, @Nullable String sourceReference, Instant occurredAt) {
}
