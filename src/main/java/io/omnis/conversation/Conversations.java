package io.omnis.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.ConversationEvents.ConversationAssigned;
import io.omnis.conversation.ConversationEvents.ConversationReopened;
import io.omnis.conversation.ConversationEvents.ConversationResolved;
import io.omnis.conversation.ConversationEvents.MessageSent;
import io.omnis.conversation.internal.AgentStore;
import io.omnis.conversation.internal.ConversationStore;
import io.omnis.conversation.internal.MessageStore;
import io.omnis.conversation.internal.MessageText;
import io.omnis.conversation.internal.Outbound;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;

/**
 * Conversations as agents and other modules work with them: read a thread, answer in any
 * channel, write private notes, assign and transfer, resolve and reopen.
 */
@Service
@Transactional
public class Conversations {

	private final ConversationStore store;

	private final MessageStore messageStore;

	private final AgentStore agents;

	private final Outbound outbound;

	private final ConversationProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Conversations(ConversationStore store, MessageStore messageStore, AgentStore agents, Outbound outbound,
			ConversationProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.messageStore = messageStore;
		this.agents = agents;
		this.outbound = outbound;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/** The conversation with this id, or a 404 problem for an unknown or malformed id. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Conversation get(String id) {
		return find(id).orElseThrow(() -> new NotFoundException("conversation", id));
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Optional<Conversation> find(String id) {
		return Ids.isValid(ConversationId.PREFIX, id) ? store.find(new ConversationId(id), false) : Optional.empty();
	}

	/**
	 * Conversations newest first: in progress unless a status is given; {@code assignee}
	 * a staff id, or {@code ""} for the unassigned.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Page<Conversation> page(@Nullable Status status, @Nullable String assignee, @Nullable String profileId,
			@Nullable String cursor, @Nullable Integer limit) {
		int size = Cursor.limit(limit);
		return Page.of(store.list(status, assignee, profileId, Cursor.decode(cursor), size + 1), size,
				c -> c.id().value());
	}

	/** A page of the thread, oldest first. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Page<Message> messages(String id, boolean withPrivateNotes, @Nullable String cursor,
			@Nullable Integer limit) {
		Conversation conversation = get(id);
		int size = Cursor.limit(limit);
		return Page.of(messageStore.messages(conversation.id(), withPrivateNotes, Cursor.decode(cursor), size + 1),
				size, Message::id);
	}

	/**
	 * Answers the customer, or writes a private note. The answer goes out in the channel
	 * type of her last message unless another is named.
	 */
	public Message reply(String id, String text, boolean privateNote, @Nullable ChannelType medium, Author author) {
		String body = MessageText.checked(text, properties.maxMessage(), "body");
		Conversation conversation = lock(id);
		ChannelType via = medium == null ? conversation.medium() : medium;
		Instant now = clock.instant();
		Message message = new Message(Ids.next("msg"), conversation.id(), Direction.OUT, via,
				conversation.lastInboundChannelId(), author, body, privateNote, false, null,
				privateNote ? null : "PENDING", now, List.of());
		if (privateNote) {
			messageStore.insertMessage(message, null);
			store.touch(conversation.id(), now);
		}
		else {
			outbound.prepare(conversation, message);
			store.answered(conversation.id(), author.kind() == AuthorKind.AGENT, author.kind() != AuthorKind.SYSTEM,
					now);
		}
		events
			.publishEvent(new MessageSent(conversation.id(), message.id(), conversation.profileId(), via, privateNote));
		return messageStore.message(message.id()).orElseThrow();
	}

	/**
	 * Gives the conversation to an agent (or back to the queue with {@code null}), with
	 * an optional note for her. Never to an agent who is offline.
	 */
	public Conversation assign(String id, @Nullable String staffId, @Nullable String note, Author by) {
		Conversation conversation = lock(id);
		if (staffId != null) {
			Agent agent = agents.find(staffId)
				.orElseThrow(() -> ProblemException.invalidField("assigneeId", "is not an agent"));
			if (agent.presence() == Presence.OFFLINE) {
				throw ProblemException.conflict(agent.displayName() + " is offline and cannot take a conversation");
			}
		}
		String previous = conversation.assigneeId();
		if (java.util.Objects.equals(previous, staffId)) {
			return conversation;
		}
		Instant now = clock.instant();
		// The agent's row is not touched: routing and presence changes lock agents before
		// conversations, so doing it the other way round here could deadlock
		store.assignee(conversation.id(), staffId, now);
		String target = staffId == null ? "the queue" : agents.find(staffId).map(Agent::displayName).orElse(staffId);
		String text = "Assigned to " + target + " by " + by.name()
				+ (note == null || note.isBlank() ? "" : ": " + MessageText.checked(note, 2000, "note"));
		messageStore.insertMessage(new Message(Ids.next("msg"), conversation.id(), Direction.OUT, conversation.medium(),
				conversation.lastInboundChannelId(), Author.SYSTEM, text, true, false, null, null, now, List.of()),
				null);
		events.publishEvent(new ConversationAssigned(conversation.id(), staffId, previous, by.name()));
		return store.find(conversation.id(), false).orElseThrow();
	}

	public Conversation resolve(String id, Author by) {
		Conversation conversation = lock(id);
		if (conversation.isResolved()) {
			return conversation;
		}
		store.status(conversation.id(), Status.RESOLVED, clock.instant());
		events.publishEvent(
				new ConversationResolved(conversation.id(), conversation.profileId(), conversation.assigneeId()));
		return store.find(conversation.id(), false).orElseThrow();
	}

	/**
	 * Reopens a resolved conversation, unless the customer has another one in progress
	 * (then that one is where to continue).
	 */
	public Conversation reopen(String id, Author by) {
		Conversation conversation = lock(id);
		if (!conversation.isResolved()) {
			return conversation;
		}
		if (store.list(null, null, conversation.profileId(), null, 10)
			.stream()
			.anyMatch(other -> properties.threading() == ConversationProperties.Threading.PER_CUSTOMER
					|| other.lastInboundChannelId().equals(conversation.lastInboundChannelId()))) {
			throw ProblemException.conflict("The customer has another conversation in progress; continue there");
		}
		store.status(conversation.id(), Status.OPEN, clock.instant());
		events
			.publishEvent(new ConversationReopened(conversation.id(), conversation.profileId(), conversation.medium()));
		return store.find(conversation.id(), false).orElseThrow();
	}

	public Conversation prioritise(String id, Priority priority, @Nullable String team) {
		Conversation conversation = lock(id);
		String checkedTeam = team == null || team.isBlank() ? null : MessageText.checked(team, 60, "team");
		store.priority(conversation.id(), priority, checkedTeam, clock.instant());
		events.publishEvent(new ConversationEvents.ConversationPrioritised(conversation.id(), priority, checkedTeam));
		return store.find(conversation.id(), false).orElseThrow();
	}

	/** A file of a message of the conversation. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public AttachmentFile attachment(String id, String attachmentId) {
		return messageStore.attachment(get(id).id(), attachmentId)
			.orElseThrow(() -> new NotFoundException("attachment", attachmentId));
	}

	private Conversation lock(String id) {
		if (!Ids.isValid(ConversationId.PREFIX, id)) {
			throw new NotFoundException("conversation", id);
		}
		return store.find(new ConversationId(id), true).orElseThrow(() -> new NotFoundException("conversation", id));
	}

}
