package io.omnis.fulfilment;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Sku;

/**
 * A location rejected units of a line and they moved (reservation included) to other
 * locations; {@code to} is empty when no location could take them and they are no longer
 * held anywhere. The customer named by {@code reference}/{@code customer} is to be told.
 */
public record LineRerouted(FulfilmentId fulfilmentId, ChannelId channelId, String reference, @Nullable String customer,
		int lineNo, Sku sku, int quantity, LocationId from, List<Assignment> to, RejectionReason reason,
		Instant occurredAt) {

	public boolean unfillable() {
		return to.isEmpty();
	}

}
