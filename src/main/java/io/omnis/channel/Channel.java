package io.omnis.channel;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A touchpoint through which customers reach the organisation, with the metadata of its
 * keys.
 */
public record Channel(ChannelId id, ChannelType type, String name, @Nullable String description, ChannelStatus status,
		Instant createdAt, Instant updatedAt, List<ChannelKey> keys) {

	public boolean isActive() {
		return status == ChannelStatus.ACTIVE;
	}

}
