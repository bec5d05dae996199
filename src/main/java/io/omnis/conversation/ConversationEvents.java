package io.omnis.conversation;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelType;

/**
 * What happens to conversations, published after each change.
 */
public final class ConversationEvents {

	private ConversationEvents() {
	}

	/** A customer started a new thread. */
	public record ConversationOpened(ConversationId conversationId, String profileId, ChannelType medium) {
	}

	/** A resolved thread came back to life: she wrote again, or an agent reopened it. */
	public record ConversationReopened(ConversationId conversationId, String profileId, ChannelType medium) {
	}

	/** The customer wrote. */
	public record MessageReceived(ConversationId conversationId, String messageId, String profileId, ChannelType medium,
			boolean automated) {
	}

	/** An agent, an assistant or the system answered, or wrote a private note. */
	public record MessageSent(ConversationId conversationId, String messageId, String profileId, ChannelType medium,
			boolean privateNote) {
	}

	/**
	 * The conversation changed hands; {@code assigneeId} is null when it went back to the
	 * queue.
	 */
	public record ConversationAssigned(ConversationId conversationId, @Nullable String assigneeId,
			@Nullable String previousAssigneeId, String by) {
	}

	public record ConversationResolved(ConversationId conversationId, String profileId, @Nullable String assigneeId) {
	}

	/**
	 * The priority or team changed: the service-level targets that apply may change too.
	 */
	public record ConversationPrioritised(ConversationId conversationId, Priority priority, @Nullable String team) {
	}

}
