package io.omnis.conversation.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.ConversationEvents.ConversationOpened;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.RoutingRule;
import io.omnis.customer.Profiles;

/**
 * Puts a conversation in a team's queue by the routing rules, and answers routing which
 * agents may take it.
 * <p>
 * A new conversation is classified in the transaction that opens it (a plain, synchronous
 * listener), so routing, which runs after the commit, never sees it unclassified.
 */
@Component
public class QueueRules {

	private final JdbcClient jdbc;

	private final TeamStore teams;

	private final Profiles profiles;

	private final Clock clock;

	QueueRules(JdbcClient jdbc, TeamStore teams, Profiles profiles, Clock clock) {
		this.jdbc = jdbc;
		this.teams = teams;
		this.profiles = profiles;
		this.clock = clock;
	}

	@EventListener
	void on(ConversationOpened event) {
		classify(event.conversationId());
	}

	/**
	 * Applies the first matching rule: team, topic, required skills and until when they
	 * hold. Without a matching rule only the language is noted.
	 */
	public void classify(ConversationId id) {
		Subject subject = jdbc
			.sql("""
					select c.profile_id, c.medium, c.language, c.topic, c.created_at,
					       coalesce(c.subject, '') || ' ' || coalesce((select string_agg(body, ' ') from (
					           select body from conversation_message m
					            where m.conversation_id = c.id and m.direction = 'IN' order by m.id limit 3) first), '') text
					  from conversation c where c.id = :id""")
			.param("id", id.value())
			.query((rs, row) -> new Subject(rs.getString(1), ChannelType.valueOf(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6).toLowerCase(Locale.ROOT)))
			.single();
		String language = subject.language() != null ? subject.language() : languageOf(subject.profileId());
		for (RoutingRule rule : teams.rules()) {
			if (matches(rule, subject, language)) {
				Instant until = rule.widenAfterMinutes() == null ? null
						: subject.createdAt().plus(Duration.ofMinutes(rule.widenAfterMinutes()));
				jdbc.sql("""
						update conversation set team = :team, language = :language, topic = coalesce(:topic, topic),
						       required_skills = :skills, restricted_until = :until
						 where id = :id""")
					.param("id", id.value())
					.param("team", teams.teamName(rule.teamId()))
					.param("language", language)
					.param("topic", rule.topic())
					.param("skills", rule.skills().toArray(String[]::new))
					.param("until", until == null ? null : Timestamp.from(until))
					.update();
				return;
			}
		}
		jdbc.sql("""
				update conversation set language = :language, required_skills = '{}', restricted_until = null
				 where id = :id""").param("id", id.value()).param("language", language).update();
	}

	/** Who of these online agents may take which conversation, for one routing pass. */
	public Eligibility eligibility(List<String> online) {
		return new Eligibility(teams.skillsOf(online), teams.membersByTeamName(), clock.instant());
	}

	private static boolean matches(RoutingRule rule, Subject subject, @Nullable String language) {
		if (rule.language() != null && !rule.language().equals(language)) {
			return false;
		}
		if (rule.channelType() != null && rule.channelType() != subject.medium()) {
			return false;
		}
		if (rule.topic() == null) {
			return true;
		}
		if (subject.topic() != null) {
			// A topic an agent set wins over the words she used
			return rule.topic().equals(subject.topic());
		}
		return rule.keywords()
			.stream()
			.anyMatch(keyword -> Pattern
				.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(keyword) + "(?![\\p{L}\\p{N}])",
						Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE)
				.matcher(subject.text())
				.find());
	}

	/** Her language from her profile's {@code language} or {@code locale} trait. */
	private @Nullable String languageOf(String profileId) {
		return profiles.find(profileId).map(profile -> {
			String value = profile.traits().path("language").asString("");
			if (value.isBlank()) {
				value = profile.traits().path("locale").asString("");
			}
			String code = value.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
			return code.matches("[a-z]{2,3}") ? code : null;
		}).orElse(null);
	}

	private record Subject(String profileId, ChannelType medium, @Nullable String language, @Nullable String topic,
			Instant createdAt, String text) {
	}

	/**
	 * Which agents may take a conversation: before its restriction lapses, a member of
	 * its team (when the team exists) who has every skill it needs; after, anyone.
	 */
	public record Eligibility(java.util.Map<String, Set<String>> skills, java.util.Map<String, Set<String>> teamMembers,
			Instant now) {

		public boolean allows(String staffId, @Nullable String team, List<String> required,
				@Nullable Instant restrictedUntil) {
			if (restrictedUntil != null && !now.isBefore(restrictedUntil)) {
				return true;
			}
			Set<String> members = team == null ? null : teamMembers.get(team);
			if (members != null && !members.contains(staffId)) {
				return false;
			}
			return skills.getOrDefault(staffId, Set.of()).containsAll(required);
		}

	}

}
