package io.omnis.conversation;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelType;

/**
 * A staff member with the AGENT role as routing sees her.
 *
 * @param capacity how many conversations in progress she takes at once, per channel type
 * @param load how many she has in progress now, per channel type
 * @param lastAssignedAt when she last got work: the longest idle wins a tie
 */
public record Agent(String staffId, String displayName, Presence presence, Instant presenceChangedAt,
		@Nullable Instant lastAssignedAt, Map<ChannelType, Integer> capacity, Map<ChannelType, Integer> load) {
}
