package io.omnis.fulfilment;

import java.time.Instant;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.ReservationId;

/**
 * The last task of a fulfilment was done: every line left its location, and the
 * reservation that held them was consumed (the units are sold where they were held).
 */
public record FulfilmentHandedOver(FulfilmentId fulfilmentId, ChannelId channelId, String reference,
		ReservationId reservationId, Instant occurredAt) {
}
