package io.omnis.conversation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelType;

/**
 * A thread with one customer.
 *
 * @param profileId the customer's profile
 * @param medium the channel type of her last message: replies go out there by default
 * @param lastInboundChannelId the channel her last message came through
 * @param assigneeId the staff member working on it, if any
 * @param firstResponseAt when an agent first answered (not an assistant, not a note)
 */
public record Conversation(ConversationId id, String profileId, Status status, Priority priority,
		@Nullable String assigneeId, @Nullable String team, ChannelType medium, String lastInboundChannelId,
		@Nullable String subject, Instant createdAt, Instant updatedAt, Instant lastMessageAt,
		@Nullable Instant assignedAt, @Nullable Instant firstResponseAt, @Nullable Instant resolvedAt) {

	public boolean isResolved() {
		return status == Status.RESOLVED;
	}

}
