package io.omnis.order;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;

/**
 * An order was paid.
 */
public record OrderPaid(OrderId orderId, ChannelId channelId, @Nullable String profileId, Money total,
		String paymentMethod, Instant occurredAt) {
}
