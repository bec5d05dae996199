package io.omnis.customer;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The records kept beside a profile: merges and splits, identity decisions and consent
 * statements.
 */
public final class ProfileHistory {

	private ProfileHistory() {
	}

	/**
	 * A merge (another profile joined this one) or a split (an identifier left with what
	 * came with it).
	 */
	public record MergeRecord(String id, String kind, String survivorId, String mergedId, @Nullable String identifier,
			@Nullable String channelId, @Nullable String messageId, String actor, Instant at) {
	}

	/** A rule that kept an identifier out of a match. */
	public record Decision(String messageId, String channelId, String identifier, String rule, String detail,
			Instant at) {
	}

	/** One statement of the consent ledger. */
	public record ConsentStatement(String purpose, boolean granted, Instant statedAt, @Nullable String channelId,
			String source, @Nullable String messageId, String actor, Instant recordedAt) {
	}

	/** One entry of the cross-channel timeline. */
	public record TimelineEntry(long seq, String type, @Nullable String event, String channelId, Instant occurredAt,
			Instant receivedAt, String messageId, tools.jackson.databind.JsonNode details) {
	}

}
