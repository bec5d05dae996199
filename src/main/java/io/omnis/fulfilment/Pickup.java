package io.omnis.fulfilment;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.LocationId;

/**
 * A click-and-collect or curbside fulfilment ready at the store the customer chose: what
 * waits for her there, what she has collected, until when it is held, and (curbside)
 * where she parked once she said she arrived.
 */
public record Pickup(FulfilmentId fulfilmentId, ChannelId channelId, String reference, @Nullable String customer,
		LocationId locationId, FulfilmentMethod method, Status status, Instant readyAt, Instant holdUntil,
		@Nullable Instant arrivedAt, @Nullable String parkingSpot, @Nullable Instant closedAt, List<Line> lines,
		List<HandOver> handOvers) {

	public enum Status {

		READY, COLLECTED, EXPIRED, WITHDRAWN

	}

	/** Units of a SKU waiting at the store, and how many of them were collected. */
	public record Line(String sku, int quantity, int collected) {

		public int remaining() {
			return quantity - collected;
		}

	}

	/** Units handed over at the counter, by whom and when. */
	public record HandOver(String sku, int quantity, String handedBy, Instant handedAt) {
	}

	public int remaining() {
		return lines.stream().mapToInt(Line::remaining).sum();
	}

	public int collected() {
		return lines.stream().mapToInt(Line::collected).sum();
	}

}
