package io.omnis.conversation;

import java.time.Instant;

/**
 * The record of a merge: which conversation went into which, by whom, moving how many
 * messages.
 */
public record Merge(ConversationId merged, ConversationId survivor, String mergedBy, int messagesMoved,
		Instant mergedAt) {
}
