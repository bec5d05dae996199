package io.omnis.fulfilment;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Sku;

/**
 * What is to be fulfilled: the lines of an order (or anything with a reference), for a
 * channel, by a method. SHIP and SAME_DAY need the destination; PICKUP and CURBSIDE the
 * store the customer chose.
 *
 * @param reference the order it fulfils, in the channel's words ({@code ord_…}); one
 * fulfilment per channel and reference
 * @param customer who to tell about changes: a profile id or an identifier such as
 * {@code email:ana@example.com}, if known
 */
public record FulfilmentRequest(ChannelId channelId, String reference, @Nullable String customer,
		FulfilmentMethod method, @Nullable Coordinates destination, @Nullable LocationId pickupLocationId,
		List<Line> lines) {

	public static final int MAX_LINES = 50;

	public FulfilmentRequest {
		lines = List.copyOf(lines);
	}

	/** One order line: a SKU and how many units. */
	public record Line(Sku sku, int quantity) {
	}

}
