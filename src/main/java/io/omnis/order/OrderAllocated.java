package io.omnis.order;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;

/**
 * An order's units were confirmed at the locations that hold them.
 */
public record OrderAllocated(OrderId orderId, ChannelId channelId, @Nullable String profileId, Instant occurredAt) {
}
