package io.omnis.inventory;

import java.time.Instant;

import io.omnis.channel.ChannelId;

/**
 * Units of a SKU at a location held for one channel: the others cannot reserve them.
 *
 * @param quantity units held for the channel, reserved by it or not
 * @param reserved of which the channel's reservations hold
 */
public record Allocation(Sku sku, LocationId locationId, ChannelId channelId, int quantity, int reserved,
		Instant updatedAt) {

	/** Units still held for the channel and not reserved. */
	public int remaining() {
		return quantity - reserved;
	}

}
