package io.omnis.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.conversation.ConversationEvents.MessageSent;
import io.omnis.conversation.internal.ConversationStore;
import io.omnis.conversation.internal.MergeStore;
import io.omnis.conversation.internal.MergeStore.Party;
import io.omnis.conversation.internal.MessageStore;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;

/**
 * Merges two conversations an agent found to be one: the same customer writing twice, or
 * two profiles she decides are one person (only the conversations are merged; the
 * identity graph is not touched).
 */
@Service
@Transactional
public class Merges {

	private final MergeStore store;

	private final ConversationStore conversations;

	private final MessageStore messages;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Merges(MergeStore store, ConversationStore conversations, MessageStore messages, ApplicationEventPublisher events,
			Clock clock) {
		this.store = store;
		this.conversations = conversations;
		this.messages = messages;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Moves every message of {@code mergedId} into {@code survivorId}, resolves the
	 * merged one with a pointer to the survivor, and records the merge. Decided under row
	 * locks on both: of two merges at once that cannot both hold, the second is refused.
	 */
	public Merge merge(String mergedId, @Nullable String survivorId, Author by) {
		ConversationId merged = id(mergedId);
		if (survivorId == null || survivorId.isBlank()) {
			throw ProblemException.invalidField("into", "is required");
		}
		if (!Ids.isValid(ConversationId.PREFIX, survivorId)) {
			throw ProblemException.invalidField("into", "is not a conversation");
		}
		if (survivorId.equals(mergedId)) {
			throw ProblemException.invalidField("into", "is the conversation itself");
		}
		ConversationId survivor = new ConversationId(survivorId);
		List<Party> parties = store.lockBoth(merged, survivor);
		Party from = parties.stream()
			.filter(p -> p.id().equals(merged))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("conversation", mergedId));
		Party into = parties.stream()
			.filter(p -> p.id().equals(survivor))
			.findFirst()
			.orElseThrow(() -> ProblemException.invalidField("into", "is not a conversation"));
		if (from.mergedInto() != null) {
			throw ProblemException.conflict("This conversation was already merged into " + from.mergedInto())
				.with("mergedInto", from.mergedInto());
		}
		if (into.mergedInto() != null) {
			throw ProblemException
				.conflict("Conversation " + survivorId + " was merged into " + into.mergedInto()
						+ "; merge into that one")
				.with("mergedInto", into.mergedInto());
		}
		if (into.status() == Status.RESOLVED) {
			throw ProblemException.conflict("Conversation " + survivorId + " is resolved; reopen it to merge into it");
		}
		Instant now = clock.instant();
		int moved = store.moveMessages(merged, survivor);
		store.close(merged, survivor, now);
		Merge merge = new Merge(merged, survivor, by.name(), moved, now);
		store.record(merge);
		Conversation target = conversations.find(survivor, false).orElseThrow();
		String text = "Merged " + mergedId
				+ (from.profileId().equals(into.profileId()) ? "" : " (customer " + from.profileId() + ")")
				+ " into this conversation, " + moved + (moved == 1 ? " message" : " messages") + ", by " + by.name();
		Message note = new Message(Ids.next("msg"), survivor, Direction.OUT, target.medium(),
				target.lastInboundChannelId(), Author.SYSTEM, text, true, false, null, null, now, List.of());
		messages.insertMessage(note, null);
		events.publishEvent(
				new ConversationsMerged(merged, survivor, from.profileId(), into.profileId(), moved, by.name()));
		events.publishEvent(new MessageSent(survivor, note.id(), target.profileId(), target.medium(), true));
		return merge;
	}

	/** The merges into this conversation, and the one that merged it away if any. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public List<Merge> of(String id) {
		return store
			.of(conversations.find(id(id), false).orElseThrow(() -> new NotFoundException("conversation", id)).id());
	}

	private static ConversationId id(String id) {
		if (!Ids.isValid(ConversationId.PREFIX, id)) {
			throw new NotFoundException("conversation", id);
		}
		return new ConversationId(id);
	}

}
