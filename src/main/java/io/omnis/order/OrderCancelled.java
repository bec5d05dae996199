package io.omnis.order;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;

/**
 * An order was cancelled (by the customer, by staff, or unpaid in time) and its stock let
 * go.
 */
public record OrderCancelled(OrderId orderId, ChannelId channelId, @Nullable String profileId, String reason,
		Instant occurredAt) {
}
