package io.omnis.conversation.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.Agent;
import io.omnis.conversation.ConversationProperties;
import io.omnis.conversation.Presence;

/**
 * The agent and agent_capacity tables, and the load of each agent counted from the
 * conversations in progress.
 */
@Repository
public class AgentStore {

	private final JdbcClient jdbc;

	private final ConversationProperties properties;

	AgentStore(JdbcClient jdbc, ConversationProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	public void insertIfAbsent(String staffId, String displayName, Instant at) {
		jdbc.sql("""
				insert into agent (staff_id, display_name, presence, presence_changed_at)
				values (:id, :name, 'OFFLINE', :at) on conflict (staff_id) do nothing""")
			.param("id", staffId)
			.param("name", displayName)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** Locks the agent's row: presence changes and routing decisions queue on it. */
	public Optional<Presence> lock(String staffId) {
		return jdbc.sql("select presence from agent where staff_id = :id for update")
			.param("id", staffId)
			.query((rs, row) -> Presence.valueOf(rs.getString(1)))
			.optional();
	}

	/**
	 * Locks every online agent's row, always in the same order, and returns their ids.
	 */
	public List<String> lockOnline() {
		return jdbc.sql("select staff_id from agent where presence = 'ONLINE' order by staff_id for update")
			.query(String.class)
			.list();
	}

	public void presence(String staffId, Presence presence, Instant at) {
		jdbc.sql("update agent set presence = :presence, presence_changed_at = :at where staff_id = :id")
			.param("id", staffId)
			.param("presence", presence.name())
			.param("at", Timestamp.from(at))
			.update();
	}

	public void assigned(String staffId, Instant at) {
		jdbc.sql("update agent set last_assigned_at = :at where staff_id = :id")
			.param("id", staffId)
			.param("at", Timestamp.from(at))
			.update();
	}

	public void capacity(String staffId, ChannelType medium, int capacity) {
		jdbc.sql("""
				insert into agent_capacity (staff_id, medium, capacity) values (:id, :medium, :capacity)
				on conflict (staff_id, medium) do update set capacity = excluded.capacity""")
			.param("id", staffId)
			.param("medium", medium.name())
			.param("capacity", capacity)
			.update();
	}

	public Optional<Agent> find(String staffId) {
		return agents("where a.staff_id = :id", staffId).stream().findFirst();
	}

	public List<Agent> all() {
		return agents("", null);
	}

	public List<Agent> byIds(Collection<String> staffIds) {
		return all().stream().filter(agent -> staffIds.contains(agent.staffId())).toList();
	}

	private List<Agent> agents(String where, @Nullable String id) {
		var query = jdbc.sql("select * from agent a " + where + " order by a.display_name, a.staff_id limit 1000");
		if (id != null) {
			query = query.param("id", id);
		}
		List<Agent> agents = query
			.query((rs, row) -> new Agent(rs.getString("staff_id"), rs.getString("display_name"),
					Presence.valueOf(rs.getString("presence")), rs.getTimestamp("presence_changed_at").toInstant(),
					instant(rs.getTimestamp("last_assigned_at")), Map.of(), Map.of()))
			.list();
		if (agents.isEmpty()) {
			return agents;
		}
		String[] ids = agents.stream().map(Agent::staffId).toArray(String[]::new);
		Map<String, Map<ChannelType, Integer>> capacities = new HashMap<>();
		jdbc.sql("select * from agent_capacity where staff_id = any(:ids)").param("ids", ids).query(rs -> {
			capacities.computeIfAbsent(rs.getString("staff_id"), k -> new EnumMap<>(ChannelType.class))
				.put(ChannelType.valueOf(rs.getString("medium")), rs.getInt("capacity"));
		});
		Map<String, Map<ChannelType, Integer>> loads = loads(List.of(ids));
		return agents.stream().map(agent -> {
			Map<ChannelType, Integer> capacity = new EnumMap<>(ChannelType.class);
			for (ChannelType medium : List.of(ChannelType.CHAT, ChannelType.EMAIL)) {
				capacity.put(medium, properties.defaultCapacity(medium));
			}
			capacity.putAll(capacities.getOrDefault(agent.staffId(), Map.of()));
			return new Agent(agent.staffId(), agent.displayName(), agent.presence(), agent.presenceChangedAt(),
					agent.lastAssignedAt(), capacity, loads.getOrDefault(agent.staffId(), Map.of()));
		}).toList();
	}

	/** Conversations in progress per agent and channel type, as committed now. */
	public Map<String, Map<ChannelType, Integer>> loads(Collection<String> staffIds) {
		Map<String, Map<ChannelType, Integer>> loads = new HashMap<>();
		jdbc.sql("""
				select assignee_id, medium, count(*) from conversation
				 where status <> 'RESOLVED' and assignee_id = any(:ids) group by assignee_id, medium""")
			.param("ids", staffIds.toArray(String[]::new))
			.query(rs -> {
				loads.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(ChannelType.class))
					.put(ChannelType.valueOf(rs.getString(2)), rs.getInt(3));
			});
		return loads;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
