package io.omnis.conversation;

import java.time.Instant;

/**
 * What the self-service assistant does with conversations.
 */
public final class AssistantEvents {

	private AssistantEvents() {
	}

	/**
	 * The assistant gave the conversation to people, with the reason, and it now waits in
	 * the queue.
	 */
	public record HandedOver(ConversationId conversationId, String profileId, String reason, Instant at) {
	}

}
