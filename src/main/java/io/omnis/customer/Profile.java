package io.omnis.customer;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One customer as every channel sees her: identifiers with where they came from, traits
 * with the source of each value, consent per purpose, channels used and counts of what
 * she did.
 *
 * @param flags set when a cap was reached ({@code merge-cap}, {@code identifier-cap},
 * {@code trait-cap}), for an operator to look at
 */
public record Profile(String id, Instant createdAt, Instant updatedAt, @Nullable Instant firstSeenAt,
		@Nullable Instant lastSeenAt, ObjectNode traits, ObjectNode traitSources, ObjectNode eventCounts,
		ObjectNode consent, List<KnownIdentifier> identifiers, List<ChannelUse> channels, int mergeCount,
		Set<String> flags) {

	/**
	 * An identifier of the profile, with the channel and message that first brought it.
	 */
	public record KnownIdentifier(String type, String value, Instant firstSeenAt, String firstChannelId,
			String firstMessageId) {
	}

	/** A channel the customer used, and how much. */
	public record ChannelUse(String channelId, Instant firstSeenAt, Instant lastSeenAt, long events) {
	}

}
