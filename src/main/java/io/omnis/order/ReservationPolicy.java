package io.omnis.order;

import java.time.Duration;

import io.omnis.channel.ChannelId;

/**
 * When a channel holds stock for carts: on add to cart, for {@code hold} at a time, or
 * only at checkout (the default).
 */
public record ReservationPolicy(ChannelId channelId, Mode mode, Duration hold) {

	/** When stock is held. */
	public enum Mode {

		ON_ADD, AT_CHECKOUT

	}

}
