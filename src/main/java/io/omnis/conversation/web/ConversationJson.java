package io.omnis.conversation.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.Agent;
import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.Conversation;
import io.omnis.conversation.Direction;
import io.omnis.conversation.Message;
import io.omnis.conversation.Presence;
import io.omnis.conversation.Priority;
import io.omnis.conversation.Status;

/**
 * The JSON shapes of the conversation API.
 */
final class ConversationJson {

	private ConversationJson() {
	}

	record ConversationView(String id, String profileId, Status status, Priority priority, @Nullable String assigneeId,
			@Nullable String team, ChannelType channelType, String lastInboundChannelId, @Nullable String subject,
			Instant createdAt, Instant updatedAt, Instant lastMessageAt, @Nullable Instant assignedAt,
			@Nullable Instant firstResponseAt, @Nullable Instant resolvedAt) {

		static ConversationView of(Conversation c) {
			return new ConversationView(c.id().value(), c.profileId(), c.status(), c.priority(), c.assigneeId(),
					c.team(), c.medium(), c.lastInboundChannelId(), c.subject(), c.createdAt(), c.updatedAt(),
					c.lastMessageAt(), c.assignedAt(), c.firstResponseAt(), c.resolvedAt());
		}

	}

	record MessageView(String id, String conversationId, Direction direction, ChannelType channelType, String channelId,
			AuthorKind authorKind, @Nullable String authorId, String authorName, String body, boolean privateNote,
			boolean automated, @Nullable String emailMessageId, @Nullable String delivery, Instant createdAt,
			List<Message.Attachment> attachments) {

		static MessageView of(Message m) {
			return new MessageView(m.id(), m.conversationId().value(), m.direction(), m.medium(), m.channelId(),
					m.author().kind(), m.author().id(), m.author().name(), m.body(), m.privateNote(), m.automated(),
					m.emailMessageId(), m.delivery(), m.createdAt(), m.attachments());
		}

	}

	record AgentView(String staffId, String displayName, Presence presence, Instant presenceChangedAt,
			@Nullable Instant lastAssignedAt, Map<ChannelType, Integer> capacity, Map<ChannelType, Integer> load) {

		static AgentView of(Agent a) {
			return new AgentView(a.staffId(), a.displayName(), a.presence(), a.presenceChangedAt(), a.lastAssignedAt(),
					a.capacity(), a.load());
		}

	}

	/**
	 * @param channel the channel type to answer through; the one of her last message when
	 * absent
	 * @param author {@code AGENT} (default) or {@code ASSISTANT}: an assistant's answer
	 * does not count as the first response
	 */
	record Reply(@Nullable String body, @Nullable Boolean privateNote, @Nullable ChannelType channel,
			@Nullable AuthorKind author) {
	}

	record Assignment(@Nullable String assigneeId, @Nullable String note) {
	}

	record Update(@Nullable Priority priority, @Nullable String team) {
	}

	record PresenceChange(@Nullable Presence presence) {
	}

	/** A message from a channel adapter (an SMS gateway, a social network). */
	record InboundMessage(@Nullable Party from, @Nullable String text) {
	}

	record Party(@Nullable String anonymousId, @Nullable String userId, @Nullable String email, @Nullable String phone,
			@Nullable String name) {
	}

}
