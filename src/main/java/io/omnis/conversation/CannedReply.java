package io.omnis.conversation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An answer agents insert instead of typing it, with {@code {{variables}}} filled from
 * the customer 360 when inserted.
 *
 * @param teamId the team it is for; null: for everyone
 */
public record CannedReply(String id, @Nullable String teamId, String title, String body, Instant createdAt,
		Instant updatedAt) {

	public static final String PREFIX = "cnr";

}
