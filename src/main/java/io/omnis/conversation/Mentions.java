package io.omnis.conversation;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.conversation.ConversationEvents.MessageSent;
import io.omnis.conversation.internal.LiveUpdates;
import io.omnis.conversation.internal.MentionStore;
import io.omnis.conversation.internal.MessageStore;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;
import io.omnis.staff.Staff;
import io.omnis.staff.StaffMember;

/**
 * Colleagues an agent names with {@code @username} in a private note: each is recorded
 * and her open consoles are told at once (SSE event {@code mention}).
 * <p>
 * A note is read in the transaction that stores it (a plain, synchronous listener of
 * {@link MessageSent}), so a note naming someone who is not a colleague is refused with a
 * problem on {@code body} and nothing is stored.
 */
@Service
public class Mentions {

	/** {@code @ana}, {@code @ben.li}; not the middle of an e-mail address. */
	private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}._@+-])@([\\p{L}\\p{N}._-]{2,40})");

	private static final int MAX_MENTIONS = 20;

	private final MentionStore store;

	private final MessageStore messages;

	private final Staff staff;

	private final LiveUpdates live;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Mentions(MentionStore store, MessageStore messages, Staff staff, LiveUpdates live, ApplicationEventPublisher events,
			Clock clock) {
		this.store = store;
		this.messages = messages;
		this.staff = staff;
		this.live = live;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The colleagues a text names, by username; someone unknown is a problem on
	 * {@code field}.
	 */
	public static Map<String, String> usernames(String text) {
		Map<String, String> named = new LinkedHashMap<>();
		Matcher matcher = MENTION.matcher(text);
		while (matcher.find()) {
			// A sentence may end right after the name: "ask @ben."
			String username = matcher.group(1).replaceAll("[._-]+$", "").toLowerCase(Locale.ROOT);
			named.put(username, matcher.group());
		}
		return named;
	}

	@EventListener
	void on(MessageSent event) {
		// Notes relayed from the phone system (the call agent's notes) are not refused
		// for
		// a stray '@': that would lose the call's report
		if (!event.privateNote() || event.medium() == io.omnis.channel.ChannelType.CALL_CENTER) {
			return;
		}
		Message note = messages.message(event.messageId()).orElse(null);
		if (note == null || note.author().kind() != AuthorKind.AGENT) {
			return;
		}
		Map<String, String> named = usernames(note.body());
		if (named.size() > MAX_MENTIONS) {
			throw ProblemException.invalidField("body", "mentions more than " + MAX_MENTIONS + " colleagues");
		}
		Map<String, StaffMember> colleagues = new LinkedHashMap<>();
		named.forEach((username, written) -> {
			StaffMember member = staff.findByUsername(username)
				.filter(StaffMember::enabled)
				.orElseThrow(() -> ProblemException.invalidField("body",
						"mentions " + written + ", who is not a colleague (an enabled staff member's username)"));
			colleagues.put(member.id(), member);
		});
		for (StaffMember colleague : colleagues.values()) {
			String id = Ids.next(Mention.PREFIX);
			store.insert(id, event.conversationId().value(), note.id(), colleague.id(), note.author().id(),
					note.author().name(), clock.instant());
			events.publishEvent(
					new AgentMentioned(id, event.conversationId(), note.id(), colleague.id(), note.author().name()));
		}
	}

	// A plain listener: the push itself waits for the commit (LiveUpdates#toConsoles)
	@EventListener
	void on(AgentMentioned event) {
		live.toConsoles("mention", Map.of("mentionId", event.mentionId(), "staffId", event.staffId(), "conversationId",
				event.conversationId().value(), "messageId", event.messageId(), "by", event.byName()));
	}

	/** A staff member's mentions, newest first. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Page<Mention> of(String staffId, boolean unreadOnly, @Nullable String cursor, @Nullable Integer limit) {
		int size = Cursor.limit(limit);
		return Page.of(store.of(staffId, unreadOnly, Cursor.decode(cursor), size + 1), size, Mention::id);
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public int unread(String staffId) {
		return store.unread(staffId);
	}

	/** Marks one of her mentions read. */
	@Transactional
	public void read(String mentionId, String staffId) {
		if (!Ids.isValid(Mention.PREFIX, mentionId) || !store.read(mentionId, staffId, clock.instant())) {
			throw new NotFoundException("mention", mentionId);
		}
	}

}
