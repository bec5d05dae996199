package io.omnis.catalog;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;

/**
 * Prices in one currency, for the listed channels (every channel when none is listed),
 * valid from {@code validFrom} (inclusive) until {@code validUntil} (exclusive). Where
 * several lists could price a variant, the highest priority wins.
 */
public record PriceList(PriceListId id, String name, String currency, List<ChannelId> channels,
		@Nullable Instant validFrom, @Nullable Instant validUntil, boolean taxInclusive, int priority,
		Instant createdAt, Instant updatedAt) {

	public boolean isValidAt(Instant at) {
		return (validFrom == null || !validFrom.isAfter(at)) && (validUntil == null || validUntil.isAfter(at));
	}

}
