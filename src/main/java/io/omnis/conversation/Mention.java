package io.omnis.conversation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A colleague named with {@code @username} in an agent's private note.
 *
 * @param staffId who was mentioned
 * @param note the note, cut to 200 characters
 */
public record Mention(String id, String conversationId, String messageId, String staffId, @Nullable String byId,
		String byName, String note, Instant createdAt, @Nullable Instant readAt) {

	public static final String PREFIX = "mnt";

}
