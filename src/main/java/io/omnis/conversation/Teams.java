package io.omnis.conversation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.internal.AgentStore;
import io.omnis.conversation.internal.MessageText;
import io.omnis.conversation.internal.QueueRules;
import io.omnis.conversation.internal.Router;
import io.omnis.conversation.internal.TeamStore;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;

/**
 * Teams of agents with their queues, the agents' skills, and the routing rules that put a
 * new conversation in a team's queue with the skills it needs.
 */
@Service
@Transactional
public class Teams {

	/** {@code language:fr}, {@code topic:returns}, {@code channel:sms}. */
	private static final Pattern SKILL = Pattern.compile("(language|topic|channel):[a-z0-9_-]{1,40}");

	private static final Pattern TOPIC = Pattern.compile("[a-z0-9_-]{1,40}");

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

	private static final int MAX_MEMBERS = 500;

	private static final int MAX_SKILLS = 50;

	private final TeamStore store;

	private final AgentStore agents;

	private final QueueRules rules;

	private final Router router;

	private final Clock clock;

	Teams(TeamStore store, AgentStore agents, QueueRules rules, Router router, Clock clock) {
		this.store = store;
		this.agents = agents;
		this.rules = rules;
		this.router = router;
		this.clock = clock;
	}

	public Team create(@Nullable String name, @Nullable List<String> members) {
		String checked = name(name);
		List<String> staffIds = members(members);
		String id = Ids.next(Team.PREFIX);
		if (!store.insert(id, checked, clock.instant())) {
			throw ProblemException.conflict("A team named '" + checked + "' already exists");
		}
		store.members(id, staffIds);
		return get(id);
	}

	/** Replaces a team's members; its waiting conversations may go to the new ones. */
	public Team members(String teamId, @Nullable List<String> members) {
		get(teamId);
		store.members(teamId, members(members));
		router.drain();
		return get(teamId);
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Team get(String teamId) {
		return (Ids.isValid(Team.PREFIX, teamId) ? store.find(teamId) : java.util.Optional.<Team>empty())
			.orElseThrow(() -> new NotFoundException("team", teamId));
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public List<Team> all() {
		return store.all();
	}

	/** The names of the teams an agent is in. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public List<String> namesOf(String staffId) {
		return store.teamNamesOf(staffId);
	}

	/** Replaces an agent's skills. */
	public List<String> skills(String staffId, @Nullable List<String> skills) {
		agents.find(staffId).orElseThrow(() -> new NotFoundException("agent", staffId));
		if (skills == null) {
			throw ProblemException.invalidField("skills", "is required");
		}
		if (skills.size() > MAX_SKILLS) {
			throw ProblemException.invalidField("skills", "holds at most " + MAX_SKILLS);
		}
		Set<String> checked = new LinkedHashSet<>();
		for (int i = 0; i < skills.size(); i++) {
			checked.add(skill(skills.get(i), "skills[" + i + "]"));
		}
		store.skills(staffId, checked);
		router.drain();
		return store.skillsOf(staffId);
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public List<String> skillsOf(String staffId) {
		agents.find(staffId).orElseThrow(() -> new NotFoundException("agent", staffId));
		return store.skillsOf(staffId);
	}

	/**
	 * A new routing rule, tried after the others unless a position is given. Skills left
	 * out are those its conditions name.
	 */
	public RoutingRule addRule(@Nullable String name, @Nullable Integer position, @Nullable String language,
			@Nullable String topic, @Nullable List<String> keywords, @Nullable ChannelType channelType,
			@Nullable String teamId, @Nullable List<String> skills, @Nullable Integer widenAfterMinutes) {
		String checkedName = name == null ? "" : MessageText.checked(name, 100, "name");
		String checkedLanguage = language == null ? null : checked(language, LANGUAGE, "language");
		String checkedTopic = topic == null ? null : checked(topic, TOPIC, "topic");
		List<String> words = new ArrayList<>();
		if (keywords != null) {
			if (keywords.size() > 20) {
				throw ProblemException.invalidField("keywords", "holds at most 20");
			}
			if (!keywords.isEmpty() && checkedTopic == null) {
				throw ProblemException.invalidField("topic", "is required with keywords: they name a topic");
			}
			for (int i = 0; i < keywords.size(); i++) {
				String word = keywords.get(i) == null ? "" : keywords.get(i).strip().toLowerCase(Locale.ROOT);
				if (word.isEmpty() || word.length() > 40 || word.chars().anyMatch(Character::isISOControl)) {
					throw ProblemException.invalidField("keywords[" + i + "]", "must be 1 to 40 characters");
				}
				words.add(word);
			}
		}
		if (teamId == null || !Ids.isValid(Team.PREFIX, teamId) || store.find(teamId).isEmpty()) {
			throw ProblemException.invalidField("teamId", "is not a team");
		}
		if (widenAfterMinutes != null && (widenAfterMinutes < 0 || widenAfterMinutes > 10080)) {
			throw ProblemException.invalidField("widenAfterMinutes", "must be between 0 and 10080 (a week)");
		}
		List<String> needed = new ArrayList<>();
		if (skills == null) {
			if (checkedLanguage != null) {
				needed.add("language:" + checkedLanguage);
			}
			if (checkedTopic != null) {
				needed.add("topic:" + checkedTopic);
			}
			if (channelType != null) {
				needed.add("channel:" + channelType.name().toLowerCase(Locale.ROOT));
			}
		}
		else {
			if (skills.size() > MAX_SKILLS) {
				throw ProblemException.invalidField("skills", "holds at most " + MAX_SKILLS);
			}
			for (int i = 0; i < skills.size(); i++) {
				needed.add(skill(skills.get(i), "skills[" + i + "]"));
			}
		}
		RoutingRule rule = new RoutingRule(Ids.next(RoutingRule.PREFIX),
				position == null ? store.nextRulePosition() : position,
				checkedName.isEmpty() ? store.teamName(teamId) : checkedName, checkedLanguage, checkedTopic,
				List.copyOf(words), channelType, teamId, List.copyOf(new LinkedHashSet<>(needed)), widenAfterMinutes,
				clock.instant());
		store.insertRule(rule);
		return rule;
	}

	public void deleteRule(String id) {
		if (!store.deleteRule(id)) {
			throw new NotFoundException("routing rule", id);
		}
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public List<RoutingRule> rules() {
		return store.rules();
	}

	/** Where a conversation waits, and who may take it. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Queueing queueing(String conversationId) {
		if (!Ids.isValid(ConversationId.PREFIX, conversationId)) {
			throw new NotFoundException("conversation", conversationId);
		}
		return store.queueing(new ConversationId(conversationId))
			.orElseThrow(() -> new NotFoundException("conversation", conversationId));
	}

	/**
	 * Corrects a conversation's language or topic; one still waiting for an agent is put
	 * in the queue the rules now give it.
	 */
	public Queueing classify(String conversationId, @Nullable String language, @Nullable String topic) {
		Queueing current = queueing(conversationId);
		String checkedLanguage = language == null ? current.language() : checked(language, LANGUAGE, "language");
		String checkedTopic = topic == null ? current.topic() : checked(topic, TOPIC, "topic");
		if (!store.lockWaiting(current.conversationId())) {
			throw ProblemException.conflict("Only a conversation waiting in a queue is routed again");
		}
		store.subject(current.conversationId(), checkedLanguage, checkedTopic);
		rules.classify(current.conversationId());
		router.drain();
		return queueing(conversationId);
	}

	private List<String> members(@Nullable List<String> members) {
		if (members == null) {
			return List.of();
		}
		if (members.size() > MAX_MEMBERS) {
			throw ProblemException.invalidField("members", "holds at most " + MAX_MEMBERS);
		}
		Set<String> ids = new LinkedHashSet<>();
		for (int i = 0; i < members.size(); i++) {
			String staffId = members.get(i);
			if (staffId == null || agents.find(staffId).isEmpty()) {
				throw ProblemException.invalidField("members[" + i + "]", "is not an agent");
			}
			ids.add(staffId);
		}
		return List.copyOf(ids);
	}

	private static String name(@Nullable String name) {
		if (name == null) {
			throw ProblemException.invalidField("name", "is required");
		}
		return MessageText.checked(name, 60, "name");
	}

	private static String skill(@Nullable String skill, String field) {
		String value = skill == null ? "" : skill.strip().toLowerCase(Locale.ROOT);
		if (!SKILL.matcher(value).matches()) {
			throw ProblemException.invalidField(field,
					"must be language:<code>, topic:<name> or channel:<type> (letters, digits, '-', '_')");
		}
		return value;
	}

	private static String checked(String value, Pattern pattern, String field) {
		String lower = value.strip().toLowerCase(Locale.ROOT);
		if (!pattern.matcher(lower).matches()) {
			throw ProblemException.invalidField(field, "must match " + pattern.pattern());
		}
		return lower;
	}

}
