package io.omnis.fulfilment;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;

/**
 * A request was routed and its stock held where the decision put each line.
 */
public record FulfilmentRouted(FulfilmentId fulfilmentId, ChannelId channelId, String reference,
		@Nullable String customer, FulfilmentMethod method, List<Assignment> assignments, Instant occurredAt) {
}
