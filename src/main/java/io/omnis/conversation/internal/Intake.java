package io.omnis.conversation.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.conversation.Author;
import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.Conversation;
import io.omnis.conversation.ConversationEvents.ConversationAssigned;
import io.omnis.conversation.ConversationEvents.ConversationOpened;
import io.omnis.conversation.ConversationEvents.ConversationReopened;
import io.omnis.conversation.ConversationEvents.MessageReceived;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.ConversationProperties;
import io.omnis.conversation.Direction;
import io.omnis.conversation.Message;
import io.omnis.conversation.Presence;
import io.omnis.conversation.Priority;
import io.omnis.conversation.Status;
import io.omnis.customer.Profiles;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.ProblemException;

/**
 * Takes in a customer's message from any channel: checks it, attaches her to her profile,
 * finds her thread (by e-mail headers, then her thread in progress) or opens one, and
 * stores the message.
 * <p>
 * A thread named by e-mail headers is only followed when it belongs to the same person,
 * so a forged {@code In-Reply-To} cannot slip a message into someone else's conversation.
 */
@Service
public class Intake {

	private final ConversationStore store;

	private final MessageStore messageStore;

	private final Senders senders;

	private final Profiles profiles;

	private final AttachmentRules attachmentRules;

	private final ConversationProperties properties;

	private final AgentStore agents;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Intake(ConversationStore store, MessageStore messageStore, Senders senders, Profiles profiles,
			AttachmentRules attachmentRules, ConversationProperties properties, AgentStore agents,
			TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
		this.agents = agents;
		this.store = store;
		this.messageStore = messageStore;
		this.senders = senders;
		this.profiles = profiles;
		this.attachmentRules = attachmentRules;
		this.properties = properties;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * What became of a message taken in.
	 *
	 * @param conversation the thread as the intake left it (listeners running in its
	 * transaction, such as the queue rules, may have changed it since)
	 * @param opened whether it started a new thread
	 */
	public record Received(Conversation conversation, Message message, boolean opened) {
	}

	/**
	 * Stores a customer's message.
	 * @return empty when it was a duplicate (an e-mail seen before) or automated mail
	 * that belongs to no thread
	 * @throws ProblemException before anything is stored, when the message or a file is
	 * refused
	 */
	public Optional<Received> receive(Inbound inbound) {
		String body = MessageText.checked(inbound.body(), properties.maxMessage(), "body");
		attachmentRules.check(inbound.attachments());
		if (inbound.email() != null && messageStore.emailSeen(inbound.email().messageId())) {
			return Optional.empty();
		}
		String messageId = Ids.next("msg");
		String profileId = senders.profileOf(inbound.channelId(), messageId, inbound.sender())
			.orElseThrow(() -> ProblemException.invalidField("from", "carries no identifier Omnis accepts"));
		try {
			return Optional.ofNullable(transactions.execute(status -> store(inbound, body, messageId, profileId)));
		}
		catch (DuplicateKeyException ex) {
			// Another message of hers opened or reopened a thread at the same moment (or
			// the same e-mail arrived twice): the second look finds what it did
			return Optional.ofNullable(transactions.execute(status -> store(inbound, body, messageId, profileId)));
		}
	}

	private @Nullable Received store(Inbound inbound, String body, String messageId, String profileId) {
		Instant now = clock.instant();
		String key = properties.threading() == ConversationProperties.Threading.PER_CHANNEL ? inbound.channelId() : "";
		Conversation conversation;
		boolean opened = false;
		boolean reopened = false;
		// Whether the thread row already says it received this message (and is current)
		boolean received = false;
		if (inbound.email() == null) {
			// No headers to follow: her thread in progress, received in the same
			// statement
			ConversationStore.Receipt receipt = store
				.receivedInProgress(profileId, key, inbound.medium(), inbound.channelId(), inbound.automated(), now)
				.orElse(null);
			conversation = receipt == null ? null : receipt.conversation();
			received = receipt != null;
			// Her first message in a thread a notice opened: it opens now, as a contact
			opened = receipt != null && receipt.contactOpened();
			if (conversation == null) {
				conversation = reopenable(inbound, profileId, key, now);
				reopened = conversation != null;
			}
			if (conversation == null) {
				if (inbound.automated()) {
					return null;
				}
				Conversation fresh = fresh(inbound, profileId, now);
				ConversationStore.Receipt openedOrJoined = store.openOrReceive(fresh, key);
				conversation = openedOrJoined.conversation();
				// Else another message of hers opened it at the same moment: joined
				opened = conversation.id().equals(fresh.id()) || openedOrJoined.contactOpened();
				received = true;
			}
		}
		else {
			conversation = threadNamedByHeaders(inbound, profileId).orElse(null);
			if (conversation != null && conversation.isResolved() && !inbound.automated()) {
				Optional<Conversation> inProgress = store.findInProgress(profileId, key);
				if (inProgress.isPresent()) {
					conversation = inProgress.get();
				}
				else {
					reopened = true;
				}
			}
			if (conversation == null) {
				conversation = store.findInProgress(profileId, key).orElse(null);
			}
			if (conversation == null) {
				conversation = reopenable(inbound, profileId, key, now);
				reopened = conversation != null;
			}
			if (conversation == null) {
				if (inbound.automated()) {
					return null;
				}
				Conversation fresh = fresh(inbound, profileId, now);
				opened = store.insertIfNoneOpen(fresh, key);
				// Another message of hers opened one at the same moment: join it
				conversation = opened ? fresh : store.findInProgress(profileId, key).orElseThrow();
			}
			if (messageStore.emailSeen(inbound.email().messageId())) {
				return null;
			}
		}
		Message message = new Message(messageId, conversation.id(), Direction.IN, inbound.medium(), inbound.channelId(),
				new Author(AuthorKind.CUSTOMER, profileId, senderName(inbound)), body, false, inbound.automated(),
				inbound.email() == null ? null : inbound.email().messageId(), null, now, List.of());
		messageStore.insertMessage(message, headers(inbound.email()));
		List<Message.Attachment> stored = new ArrayList<>();
		for (NewAttachment file : inbound.attachments()) {
			Message.Attachment attachment = new Message.Attachment(Ids.next("att"), file.filename(), file.contentType(),
					file.content().length);
			messageStore.insertAttachment(messageId, attachment, file.content());
			stored.add(attachment);
		}
		if (!received) {
			// Her first message in a thread a notice opened: it opens now, as a contact
			opened |= store.received(conversation.id(), inbound.medium(), inbound.channelId(), reopened,
					inbound.automated(), now);
		}
		if (reopened) {
			store.status(conversation.id(), Status.OPEN, now);
			releaseIfAway(conversation, now);
		}
		if (opened) {
			events.publishEvent(new ConversationOpened(conversation.id(), profileId, inbound.medium()));
		}
		if (reopened) {
			events.publishEvent(new ConversationReopened(conversation.id(), profileId, inbound.medium()));
		}
		events.publishEvent(
				new MessageReceived(conversation.id(), messageId, profileId, inbound.medium(), inbound.automated()));
		// The row as the statements above left it, when they returned it; read again only
		// after the rarer paths (e-mail threading, a reopened thread)
		Conversation current = received ? conversation : store.find(conversation.id(), false).orElseThrow();
		return new Received(current,
				new Message(messageId, message.conversationId(), message.direction(), message.medium(),
						message.channelId(), message.author(), body, false, message.automated(),
						message.emailMessageId(), null, now, List.copyOf(stored)),
				opened);
	}

	/**
	 * Her thread resolved within the reopening window, which her message reopens; never
	 * for an automated message.
	 */
	private @Nullable Conversation reopenable(Inbound inbound, String profileId, String key, Instant now) {
		return inbound.automated() ? null
				: store.resolvedSince(profileId, key, now.minus(properties.reopenWithin())).orElse(null);
	}

	private static Conversation fresh(Inbound inbound, String profileId, Instant now) {
		return new Conversation(ConversationId.next(), profileId, Status.OPEN, Priority.NORMAL, null, null,
				inbound.medium(), inbound.channelId(), inbound.email() == null ? null : inbound.email().subject(), now,
				now, now, null, null, null);
	}

	/**
	 * A reopened thread stays with its agent only while she is online; otherwise it goes
	 * back to the queue at once, in the same transaction, so it is never in progress with
	 * someone who is away.
	 */
	private void releaseIfAway(Conversation conversation, Instant now) {
		String assignee = conversation.assigneeId();
		// Read, not locked: see Router.reopened
		if (assignee != null && agents.find(assignee).map(a -> a.presence()).orElse(null) != Presence.ONLINE) {
			store.assignee(conversation.id(), null, now);
			events.publishEvent(new ConversationAssigned(conversation.id(), null, assignee, "reopened"));
		}
	}

	/** The newest thread of hers that the e-mail's In-Reply-To or References name. */
	private Optional<Conversation> threadNamedByHeaders(Inbound inbound, String profileId) {
		if (inbound.email() == null) {
			return Optional.empty();
		}
		List<String> named = new ArrayList<>(inbound.email().references());
		for (ConversationId id : messageStore.byEmailMessageIds(named)) {
			Optional<Conversation> candidate = store.find(id, true);
			if (candidate.isPresent() && samePersonAs(candidate.get().profileId(), profileId)) {
				return candidate;
			}
		}
		return Optional.empty();
	}

	/** Whether a thread's profile is this one, following merges made since. */
	private boolean samePersonAs(String threadProfile, String profileId) {
		return threadProfile.equals(profileId)
				|| profiles.find(threadProfile).map(p -> p.id().equals(profileId)).orElse(false);
	}

	private static MessageStore.@Nullable EmailHeaders headers(Inbound.@Nullable Email email) {
		return email == null ? null : new MessageStore.EmailHeaders(email.inReplyTo(), email.references(),
				email.address(), email.subject());
	}

	private static String senderName(Inbound inbound) {
		Sender sender = inbound.sender();
		if (sender.name() != null && !sender.name().isBlank()) {
			return MessageText.clean(sender.name());
		}
		if (sender.email() != null) {
			return sender.email();
		}
		return sender.phone() != null ? sender.phone() : "Visitor";
	}

}
