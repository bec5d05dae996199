package io.omnis.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.conversation.internal.CannedReplyStore;
import io.omnis.conversation.internal.MessageText;
import io.omnis.conversation.internal.TeamStore;
import io.omnis.customer.Profile;
import io.omnis.customer.Profiles;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;

/**
 * Canned replies, global or for a team, and their text for one conversation: each
 * {@code {{variable}}} filled from the customer 360 and the agent at insertion time. A
 * reply naming a variable Omnis does not know is refused when saved.
 */
@Service
@Transactional
public class CannedReplies {

	private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

	/** The variables a canned reply may use, and where each value comes from. */
	public static final Set<String> VARIABLES = Set.of("customer.firstName", "customer.lastName", "customer.name",
			"customer.email", "customer.phone", "order.latestNumber", "agent.name", "agent.firstName",
			"conversation.id");

	private final CannedReplyStore store;

	private final TeamStore teams;

	private final Conversations conversations;

	private final Profiles profiles;

	private final Clock clock;

	CannedReplies(CannedReplyStore store, TeamStore teams, Conversations conversations, Profiles profiles,
			Clock clock) {
		this.store = store;
		this.teams = teams;
		this.conversations = conversations;
		this.profiles = profiles;
		this.clock = clock;
	}

	public CannedReply create(@Nullable String title, @Nullable String body, @Nullable String teamId) {
		Instant now = clock.instant();
		CannedReply reply = new CannedReply(Ids.next(CannedReply.PREFIX), team(teamId), title(title), body(body), now,
				now);
		store.save(reply);
		return reply;
	}

	/** Replaces the title, text and team of a reply. */
	public CannedReply update(String id, @Nullable String title, @Nullable String body, @Nullable String teamId) {
		CannedReply current = get(id);
		CannedReply reply = new CannedReply(id, team(teamId), title(title), body(body), current.createdAt(),
				clock.instant());
		store.save(reply);
		return reply;
	}

	public void delete(String id) {
		if (!store.delete(get(id).id())) {
			throw new NotFoundException("canned reply", id);
		}
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public CannedReply get(String id) {
		return (Ids.isValid(CannedReply.PREFIX, id) ? store.find(id) : java.util.Optional.<CannedReply>empty())
			.orElseThrow(() -> new NotFoundException("canned reply", id));
	}

	/** By id: of a team, the global ones ({@code ""}), or all (null). */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Page<CannedReply> page(@Nullable String teamId, @Nullable String cursor, @Nullable Integer limit) {
		int size = Cursor.limit(limit);
		return Page.of(store.page(teamId, Cursor.decode(cursor), size + 1), size, CannedReply::id);
	}

	/** What an agent may insert: the global replies and her teams'. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public List<CannedReply> forAgent(String staffId) {
		return store.forAgent(staffId);
	}

	/**
	 * The reply's text for a conversation, as the agent inserts it. A variable with no
	 * value (she gave no first name, has no order) becomes empty and is listed in
	 * {@code missing}.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Filled fill(String replyId, String conversationId, Author agent) {
		CannedReply reply = get(replyId);
		Conversation conversation = conversations.get(conversationId);
		Profile profile = profiles.find(conversation.profileId()).orElse(null);
		Map<String, Function<Values, @Nullable String>> sources = new LinkedHashMap<>();
		sources.put("customer.firstName", Values::firstName);
		sources.put("customer.lastName", Values::lastName);
		sources.put("customer.name", Values::name);
		sources.put("customer.email", v -> v.trait("email", "email"));
		sources.put("customer.phone", v -> v.trait("phone", "phone"));
		sources.put("order.latestNumber", v -> v.latestOrder());
		sources.put("agent.name", v -> agent.name());
		sources.put("agent.firstName", v -> agent.name().strip().split("\\s+")[0]);
		sources.put("conversation.id", v -> conversation.id().value());
		Values values = new Values(profile, profiles);
		Set<String> missing = new LinkedHashSet<>();
		Matcher matcher = VARIABLE.matcher(reply.body());
		StringBuilder text = new StringBuilder();
		while (matcher.find()) {
			var source = sources.get(matcher.group(1));
			String value = source == null ? null : source.apply(values);
			if (value == null || value.isBlank()) {
				missing.add(matcher.group(1));
				value = "";
			}
			matcher.appendReplacement(text, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(text);
		return new Filled(reply.id(), text.toString(), List.copyOf(missing));
	}

	private @Nullable String team(@Nullable String teamId) {
		if (teamId == null || teamId.isBlank()) {
			return null;
		}
		if (!Ids.isValid(Team.PREFIX, teamId) || teams.find(teamId).isEmpty()) {
			throw ProblemException.invalidField("teamId", "is not a team");
		}
		return teamId;
	}

	private static String title(@Nullable String title) {
		if (title == null) {
			throw ProblemException.invalidField("title", "is required");
		}
		return MessageText.checked(title, 100, "title");
	}

	/** The text, with every variable known and every {@code {{} closed. */
	private static String body(@Nullable String body) {
		if (body == null) {
			throw ProblemException.invalidField("body", "is required");
		}
		String text = MessageText.checked(body, 5000, "body");
		Matcher matcher = VARIABLE.matcher(text);
		List<String> unknown = new ArrayList<>();
		StringBuilder rest = new StringBuilder();
		while (matcher.find()) {
			if (!VARIABLES.contains(matcher.group(1))) {
				unknown.add(matcher.group(1));
			}
			matcher.appendReplacement(rest, "");
		}
		matcher.appendTail(rest);
		if (!unknown.isEmpty()) {
			throw ProblemException
				.invalidField("body",
						"uses unknown variables " + unknown + "; known: " + VARIABLES.stream().sorted().toList())
				.with("unknownVariables", unknown);
		}
		if (rest.indexOf("{{") >= 0 || rest.indexOf("}}") >= 0) {
			throw ProblemException.invalidField("body", "has a '{{' or '}}' that is not part of a {{variable}}");
		}
		return text;
	}

	/** A canned reply's text for one conversation. */
	public record Filled(String replyId, String text, List<String> missing) {
	}

	/** The customer's values, read once each. */
	private static final class Values {

		private final @Nullable Profile profile;

		private final Profiles profiles;

		Values(@Nullable Profile profile, Profiles profiles) {
			this.profile = profile;
			this.profiles = profiles;
		}

		@Nullable String trait(String name, String identifierType) {
			if (profile == null) {
				return null;
			}
			String value = profile.traits().path(name).asString("");
			if (!value.isBlank()) {
				return value.strip();
			}
			return profile.identifiers()
				.stream()
				.filter(identifier -> identifier.type().equals(identifierType))
				.map(Profile.KnownIdentifier::value)
				.findFirst()
				.orElse(null);
		}

		@Nullable String firstName() {
			String first = first("firstName", "first_name");
			if (first != null) {
				return first;
			}
			String name = first("name");
			return name == null ? null : name.split("\\s+")[0];
		}

		@Nullable String lastName() {
			String last = first("lastName", "last_name");
			if (last != null) {
				return last;
			}
			String name = first("name");
			int space = name == null ? -1 : name.indexOf(' ');
			return space < 0 ? null : name.substring(space + 1).strip();
		}

		@Nullable String name() {
			String name = first("name");
			if (name != null) {
				return name;
			}
			String first = first("firstName", "first_name");
			String last = first("lastName", "last_name");
			return first == null ? last : last == null ? first : first + " " + last;
		}

		/** The id of her latest order, from the activities on her timeline. */
		@Nullable String latestOrder() {
			if (profile == null) {
				return null;
			}
			return profiles.timeline(profile.id(), null, 1, null, "order.placed")
				.data()
				.stream()
				.map(entry -> entry.reference())
				.findFirst()
				.orElse(null);
		}

		private @Nullable String first(String... names) {
			if (profile == null) {
				return null;
			}
			for (String name : names) {
				String value = profile.traits().path(name).asString("").strip();
				if (!value.isEmpty()) {
					return value;
				}
			}
			return null;
		}

	}

}
