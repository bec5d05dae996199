package io.omnis.order;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;

/**
 * An order's units left their locations (shipped or picked up): its stock was sold.
 */
public record OrderFulfilled(OrderId orderId, ChannelId channelId, @Nullable String profileId, Instant occurredAt) {
}
