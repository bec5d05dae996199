package io.omnis.fulfilment;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;

/**
 * A parcel was shipped, or its carrier reported a new status.
 */
public record ParcelStatusChanged(ParcelId parcelId, FulfilmentId fulfilmentId, ChannelId channelId, String reference,
		@Nullable String customer, ParcelStatus status, @Nullable String carrier, @Nullable String trackingNumber,
		@Nullable String trackingUrl, Instant occurredAt) {
}
