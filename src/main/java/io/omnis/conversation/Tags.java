package io.omnis.conversation;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.conversation.internal.ConversationStore;
import io.omnis.conversation.internal.InboxQuery;
import io.omnis.conversation.internal.TagStore;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;

/**
 * Labels agents put on conversations ({@code vip}, {@code damaged-item}) and the inbox
 * filtered by a tag or by the teams whose queues conversations are in.
 */
@Service
@Transactional
public class Tags {

	/** At most this many tags on one conversation. */
	public static final int MAX_TAGS = 10;

	private static final Pattern TAG = Pattern.compile("[\\p{Ll}\\p{N}][\\p{Ll}\\p{N}_-]{0,31}");

	private final TagStore store;

	private final ConversationStore conversations;

	private final InboxQuery inbox;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Tags(TagStore store, ConversationStore conversations, InboxQuery inbox, ApplicationEventPublisher events,
			Clock clock) {
		this.store = store;
		this.conversations = conversations;
		this.inbox = inbox;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Tags the conversation (again: no change). The count is checked under the
	 * conversation's row lock, so tags added at once never exceed the limit.
	 */
	public List<String> add(String id, @Nullable String tag, Author by) {
		String checked = checked(tag, "tag");
		Conversation conversation = lock(id);
		List<String> tags = store.of(conversation.id());
		if (tags.contains(checked)) {
			return tags;
		}
		if (tags.size() >= MAX_TAGS) {
			throw ProblemException.invalidField("tag",
					"cannot be added: a conversation has at most " + MAX_TAGS + " tags");
		}
		store.add(conversation.id(), checked, by.name(), clock.instant());
		events.publishEvent(new ConversationTagged(conversation.id(), checked, true));
		return store.of(conversation.id());
	}

	public List<String> remove(String id, String tag) {
		Conversation conversation = lock(id);
		String checked = checked(tag, "tag");
		if (!store.remove(conversation.id(), checked)) {
			throw new NotFoundException("tag", checked);
		}
		events.publishEvent(new ConversationTagged(conversation.id(), checked, false));
		return store.of(conversation.id());
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public List<String> of(String id) {
		return store.of(get(id).id());
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public List<String> inUse() {
		return store.inUse(50);
	}

	/**
	 * Conversations newest first: in progress unless a status is given, in one of the
	 * teams' queues (any when null), with the tag (any when null).
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Page<Conversation> page(@Nullable Status status, @Nullable List<String> teams, @Nullable String tag,
			@Nullable String cursor, @Nullable Integer limit) {
		return page(status, teams, tag, null, cursor, limit);
	}

	/**
	 * The same, also by assignee: a staff id, {@code ""} for the unassigned, anyone when
	 * null.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Page<Conversation> page(@Nullable Status status, @Nullable List<String> teams, @Nullable String tag,
			@Nullable String assignee, @Nullable String cursor, @Nullable Integer limit) {
		String checked = tag == null ? null : checkedParameter(tag);
		int size = Cursor.limit(limit);
		return Page.of(inbox.list(status, teams, checked, assignee, Cursor.decode(cursor), size + 1), size,
				c -> c.id().value());
	}

	/** The tag as stored: lower case, 1 to 32 letters, digits, '-' or '_'. */
	public static String checked(@Nullable String tag, String field) {
		String value = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
		if (!TAG.matcher(value).matches()) {
			throw ProblemException.invalidField(field,
					"must be 1 to 32 letters, digits, '-' or '_', starting with a letter or digit");
		}
		return value;
	}

	private static String checkedParameter(String tag) {
		try {
			return checked(tag, "tag");
		}
		catch (ProblemException ex) {
			throw new ProblemException(io.omnis.kernel.problem.ProblemType.INVALID_PARAMETER,
					"Parameter 'tag' must be 1 to 32 letters, digits, '-' or '_'",
					List.of(new io.omnis.kernel.problem.FieldError("tag", "is not a tag")));
		}
	}

	private Conversation get(String id) {
		return (Ids.isValid(ConversationId.PREFIX, id) ? conversations.find(new ConversationId(id), false)
				: java.util.Optional.<Conversation>empty())
			.orElseThrow(() -> new NotFoundException("conversation", id));
	}

	private Conversation lock(String id) {
		return (Ids.isValid(ConversationId.PREFIX, id) ? conversations.find(new ConversationId(id), true)
				: java.util.Optional.<Conversation>empty())
			.orElseThrow(() -> new NotFoundException("conversation", id));
	}

}
