package io.omnis.fulfilment;

import java.time.OffsetDateTime;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.LocationId;

/**
 * The same-day slot an order (a channel's reference) booked at a store; that store
 * delivers it.
 */
public record SameDayBooking(String id, ChannelId channelId, String reference, LocationId locationId,
		OffsetDateTime start, OffsetDateTime end) {
}
