package io.omnis.conversation;

/**
 * A tag was put on a conversation, or taken off ({@code added} false).
 */
public record ConversationTagged(ConversationId conversationId, String tag, boolean added) {
}
