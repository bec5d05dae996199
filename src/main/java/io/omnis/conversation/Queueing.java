package io.omnis.conversation;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a conversation waits and who may take it: its team's queue, the skills it needs,
 * and until when those restrict routing.
 *
 * @param restrictedUntil after this, any online agent may take it; null: the team and
 * skills hold until someone takes it
 * @param mergedInto the conversation it was merged into, if it was
 */
public record Queueing(ConversationId conversationId, @Nullable String team, @Nullable String language,
		@Nullable String topic, List<String> requiredSkills, @Nullable Instant restrictedUntil,
		@Nullable String mergedInto, List<String> tags) {
}
