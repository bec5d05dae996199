package io.omnis.conversation;

/**
 * An agent named a colleague in a private note: her open consoles are told at once.
 */
public record AgentMentioned(String mentionId, ConversationId conversationId, String messageId, String staffId,
		String byName) {
}
