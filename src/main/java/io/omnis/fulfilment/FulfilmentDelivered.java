package io.omnis.fulfilment;

import java.time.Instant;

import io.omnis.channel.ChannelId;

/**
 * Every line of a shipped fulfilment was handed over and every parcel of it delivered.
 */
public record FulfilmentDelivered(FulfilmentId fulfilmentId, ChannelId channelId, String reference,
		Instant occurredAt) {
}
