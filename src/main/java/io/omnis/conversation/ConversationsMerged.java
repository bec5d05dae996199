package io.omnis.conversation;

/**
 * An agent merged one conversation into another: its messages are the survivor's now and
 * it is resolved with a pointer to the survivor. The two may have been different
 * customers' profiles; their identity graph is not touched.
 */
public record ConversationsMerged(ConversationId merged, ConversationId survivor, String mergedProfileId,
		String survivorProfileId, int messagesMoved, String by) {
}
