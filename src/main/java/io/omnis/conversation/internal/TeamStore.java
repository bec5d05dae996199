package io.omnis.conversation.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.Queueing;
import io.omnis.conversation.RoutingRule;
import io.omnis.conversation.Team;

/**
 * The conversation_team, conversation_team_member, agent_skill and
 * conversation_routing_rule tables.
 */
@Repository
public class TeamStore {

	private final JdbcClient jdbc;

	TeamStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return whether it was inserted (false: the name is taken)
	 */
	public boolean insert(String id, String name, Instant at) {
		return jdbc.sql("""
				insert into conversation_team (id, name, created_at) values (:id, :name, :at)
				on conflict (name) do nothing""")
			.param("id", id)
			.param("name", name)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	/** Replaces the members of a team. */
	public void members(String teamId, Collection<String> staffIds) {
		jdbc.sql("delete from conversation_team_member where team_id = :team").param("team", teamId).update();
		for (String staffId : staffIds) {
			jdbc.sql("insert into conversation_team_member (team_id, staff_id) values (:team, :staff)")
				.param("team", teamId)
				.param("staff", staffId)
				.update();
		}
	}

	public Optional<Team> find(String id) {
		return teams("where t.id = :id", id).stream().findFirst();
	}

	public List<Team> all() {
		return teams("", null);
	}

	/** The names of the teams a staff member is in. */
	public List<String> teamNamesOf(String staffId) {
		return jdbc.sql("""
				select t.name from conversation_team t join conversation_team_member m on m.team_id = t.id
				 where m.staff_id = :staff order by t.name""").param("staff", staffId).query(String.class).list();
	}

	private List<Team> teams(String where, @Nullable String id) {
		var query = jdbc
			.sql("""
					select t.*, coalesce(array_agg(m.staff_id order by m.staff_id) filter (where m.staff_id is not null), '{}') members
					  from conversation_team t left join conversation_team_member m on m.team_id = t.id
					"""
					+ where + " group by t.id order by t.name limit 500");
		if (id != null) {
			query = query.param("id", id);
		}
		return query
			.query((rs, row) -> new Team(rs.getString("id"), rs.getString("name"), strings(rs.getArray("members")),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	public void skills(String staffId, Collection<String> skills) {
		jdbc.sql("delete from agent_skill where staff_id = :staff").param("staff", staffId).update();
		for (String skill : skills) {
			jdbc.sql("insert into agent_skill (staff_id, skill) values (:staff, :skill)")
				.param("staff", staffId)
				.param("skill", skill)
				.update();
		}
	}

	public List<String> skillsOf(String staffId) {
		return jdbc.sql("select skill from agent_skill where staff_id = :staff order by skill")
			.param("staff", staffId)
			.query(String.class)
			.list();
	}

	/** Skills and team names of the given agents, for one routing pass. */
	public Map<String, Set<String>> skillsOf(Collection<String> staffIds) {
		Map<String, Set<String>> skills = new HashMap<>();
		jdbc.sql("select staff_id, skill from agent_skill where staff_id = any(:ids)")
			.param("ids", staffIds.toArray(String[]::new))
			.query(rs -> {
				skills.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
			});
		return skills;
	}

	/** Every team's name with its members' staff ids. */
	public Map<String, Set<String>> membersByTeamName() {
		Map<String, Set<String>> teams = new HashMap<>();
		jdbc.sql("""
				select t.name, m.staff_id from conversation_team t
				  left join conversation_team_member m on m.team_id = t.id""").query(rs -> {
			Set<String> members = teams.computeIfAbsent(rs.getString(1), k -> new HashSet<>());
			if (rs.getString(2) != null) {
				members.add(rs.getString(2));
			}
		});
		return teams;
	}

	public void insertRule(RoutingRule rule) {
		jdbc.sql("""
				insert into conversation_routing_rule (id, position, name, language, topic, keywords, medium, team_id,
				                                       skills, widen_after_minutes, created_at)
				values (:id, :position, :name, :language, :topic, :keywords, :medium, :team, :skills, :widen, :at)""")
			.param("id", rule.id())
			.param("position", rule.position())
			.param("name", rule.name())
			.param("language", rule.language())
			.param("topic", rule.topic())
			.param("keywords", rule.keywords().toArray(String[]::new))
			.param("medium", rule.channelType() == null ? null : rule.channelType().name())
			.param("team", rule.teamId())
			.param("skills", rule.skills().toArray(String[]::new))
			.param("widen", rule.widenAfterMinutes())
			.param("at", Timestamp.from(rule.createdAt()))
			.update();
	}

	public int nextRulePosition() {
		return jdbc.sql("select coalesce(max(position), 0) + 10 from conversation_routing_rule")
			.query(Integer.class)
			.single();
	}

	public boolean deleteRule(String id) {
		return jdbc.sql("delete from conversation_routing_rule where id = :id").param("id", id).update() == 1;
	}

	/** The rules in the order they are tried (at most 500). */
	public List<RoutingRule> rules() {
		return jdbc.sql("select * from conversation_routing_rule order by position, id limit 500")
			.query(this::rule)
			.list();
	}

	public String teamName(String teamId) {
		return jdbc.sql("select name from conversation_team where id = :id")
			.param("id", teamId)
			.query(String.class)
			.single();
	}

	private RoutingRule rule(ResultSet rs, int row) throws SQLException {
		String medium = rs.getString("medium");
		Integer widen = (Integer) rs.getObject("widen_after_minutes");
		return new RoutingRule(rs.getString("id"), rs.getInt("position"), rs.getString("name"),
				rs.getString("language"), rs.getString("topic"), strings(rs.getArray("keywords")),
				medium == null ? null : ChannelType.valueOf(medium), rs.getString("team_id"),
				strings(rs.getArray("skills")), widen, rs.getTimestamp("created_at").toInstant());
	}

	public Optional<Queueing> queueing(ConversationId id) {
		return jdbc.sql("""
				select c.id, c.team, c.language, c.topic, c.required_skills, c.restricted_until, c.merged_into,
				       coalesce((select array_agg(t.tag order by t.tag) from conversation_tag t
				                  where t.conversation_id = c.id), '{}') tags
				  from conversation c where c.id = :id""")
			.param("id", id.value())
			.query((rs, row) -> new Queueing(id, rs.getString("team"), rs.getString("language"), rs.getString("topic"),
					strings(rs.getArray("required_skills")),
					rs.getTimestamp("restricted_until") == null ? null
							: rs.getTimestamp("restricted_until").toInstant(),
					rs.getString("merged_into"), strings(rs.getArray("tags"))))
			.optional();
	}

	/** Locks the conversation if it is in progress and nobody has it yet. */
	public boolean lockWaiting(ConversationId id) {
		return jdbc.sql("""
				select id from conversation where id = :id and assignee_id is null and status <> 'RESOLVED'
				   for update""").param("id", id.value()).query(String.class).optional().isPresent();
	}

	/** Her language and the topic, as an agent corrected them. */
	public void subject(ConversationId id, @Nullable String language, @Nullable String topic) {
		jdbc.sql("update conversation set language = :language, topic = :topic where id = :id")
			.param("id", id.value())
			.param("language", language)
			.param("topic", topic)
			.update();
	}

	static List<String> strings(@Nullable Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

}
