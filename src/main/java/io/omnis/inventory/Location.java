package io.omnis.inventory;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;

/**
 * A place that holds stock: a store, a warehouse or a dark store.
 *
 * @param channelId the STORE channel of a store's tills, if it has one
 */
public record Location(LocationId id, String name, LocationType type, Address address,
		@Nullable Coordinates coordinates, ZoneId timeZone, List<Opening> openingHours, Set<Capability> capabilities,
		@Nullable ChannelId channelId, Instant createdAt, Instant updatedAt) {

	public boolean can(Capability capability) {
		return capabilities.contains(capability);
	}

}
