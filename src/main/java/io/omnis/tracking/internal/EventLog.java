package io.omnis.tracking.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.tracking.CollectedEvent;
import io.omnis.tracking.DropReason;

/**
 * The tracked_event log and the collection counters, written in batches.
 */
@Repository
public class EventLog {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	EventLog(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Stores the rows of one request in one statement; rows whose messageId this source
	 * already sent are skipped.
	 * @return the message ids actually inserted
	 */
	Set<String> insert(String channelId, List<Messages.Row> rows, Instant receivedAt) {
		if (rows.isEmpty()) {
			return Set.of();
		}
		int n = rows.size();
		String[] ids = new String[n];
		String[] types = new String[n];
		String[] events = new String[n];
		String[] users = new String[n];
		String[] anons = new String[n];
		Timestamp[] occurred = new Timestamp[n];
		String[] payloads = new String[n];
		Boolean[] consentOnly = new Boolean[n];
		for (int i = 0; i < n; i++) {
			Messages.Row row = rows.get(i);
			ids[i] = row.messageId();
			types[i] = row.type();
			events[i] = row.event();
			users[i] = row.userId();
			anons[i] = row.anonymousId();
			occurred[i] = Timestamp.from(row.occurredAt());
			payloads[i] = row.payload();
			consentOnly[i] = row.consentOnly();
		}
		// Anonymised events (no identifier, not consent-only) have nothing to resolve
		List<String> inserted = jdbc.sql("""
				insert into tracked_event (channel_id, message_id, type, event, user_id, anonymous_id, occurred_at,
				                           received_at, payload, consent_only, resolved_at)
				select :channel, m, t, e, u, a, o, :received, p::jsonb, c,
				       case when u is null and a is null then :received::timestamptz end
				  from unnest(:ids::text[], :types::text[], :events::text[], :users::text[], :anons::text[],
				              :occurred::timestamptz[], :payloads::text[], :consentOnly::boolean[])
				       as x(m, t, e, u, a, o, p, c)
				on conflict (channel_id, message_id) do nothing
				returning message_id""")
			.param("channel", channelId)
			.param("received", Timestamp.from(receivedAt))
			.param("ids", ids)
			.param("types", types)
			.param("events", events)
			.param("users", users)
			.param("anons", anons)
			.param("occurred", occurred)
			.param("payloads", payloads)
			.param("consentOnly", consentOnly)
			.query(String.class)
			.list();
		return new HashSet<>(inserted);
	}

	void countDrops(String channelId, Map<DropReason, Long> counts, Map<DropReason, String> samples, Instant at) {
		LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
		counts.forEach((reason, count) -> jdbc.sql("""
				insert into collection_counter (channel_id, day, outcome, count, last_at, last_sample)
				values (:channel, :day, :outcome, :count, :at, :sample)
				on conflict (channel_id, day, outcome) do update
				   set count = collection_counter.count + excluded.count, last_at = excluded.last_at,
				       last_sample = excluded.last_sample""")
			.param("channel", channelId)
			.param("day", day)
			.param("outcome", reason.code())
			.param("count", count)
			.param("at", Timestamp.from(at))
			.param("sample", samples.get(reason))
			.update());
	}

	void countAccepted(String channelId, LocalDate day, long count, Instant at) {
		jdbc.sql("""
				insert into collection_counter (channel_id, day, outcome, count, last_at)
				values (:channel, :day, 'accepted', :count, :at)
				on conflict (channel_id, day, outcome) do update
				   set count = collection_counter.count + excluded.count, last_at = excluded.last_at""")
			.param("channel", channelId)
			.param("day", day)
			.param("count", count)
			.param("at", Timestamp.from(at))
			.update();
	}

	/**
	 * How long the oldest event waiting for resolution has waited: one step down a
	 * partial index.
	 */
	java.time.Duration oldestUnresolvedAge() {
		return jdbc.sql("""
				select received_at from tracked_event where resolved_at is null order by seq limit 1""")
			.query(Timestamp.class)
			.optional()
			.map(oldest -> java.time.Duration.between(oldest.toInstant(), Instant.now()))
			.orElse(java.time.Duration.ZERO);
	}

	public List<CollectedEvent> claimUnresolved(int limit) {
		return jdbc.sql("""
				select * from tracked_event where resolved_at is null
				 order by seq limit :limit for update skip locked""").param("limit", limit).query(this::event).list();
	}

	public Optional<CollectedEvent> claimUnresolved(String channelId, String messageId) {
		return jdbc.sql("""
				select * from tracked_event
				 where channel_id = :channel and message_id = :message and resolved_at is null for update""")
			.param("channel", channelId)
			.param("message", messageId)
			.query(this::event)
			.optional();
	}

	public Optional<CollectedEvent> find(String channelId, String messageId) {
		return jdbc.sql("select * from tracked_event where channel_id = :channel and message_id = :message")
			.param("channel", channelId)
			.param("message", messageId)
			.query(this::event)
			.optional();
	}

	public void assign(long[] seqs, String[] profileIds, List<List<String>> identifiers) {
		// Each event's identifiers travel as a JSON array: a value may hold any
		// character,
		// so no separator is safe
		jdbc.sql("""
				update tracked_event e
				   set profile_id = x.p, identifiers = array(select jsonb_array_elements_text(x.i::jsonb)),
				       resolved_at = now()
				  from unnest(:seqs::bigint[], :profiles::text[], :identifiers::text[]) as x(s, p, i)
				 where e.seq = x.s""")
			.param("seqs", Arrays.stream(seqs).boxed().toArray(Long[]::new))
			.param("profiles", profileIds)
			.param("identifiers", identifiers.stream().map(json::writeValueAsString).toArray(String[]::new))
			.update();
	}

	public int reassign(String from, String to) {
		return jdbc.sql("update tracked_event set profile_id = :to where profile_id = :from")
			.param("from", from)
			.param("to", to)
			.update();
	}

	public int reassignCarrying(String profileId, String identifier, String to) {
		return jdbc.sql("""
				update tracked_event set profile_id = :to
				 where profile_id = :profile and identifiers @> array[:identifier]::text[]""")
			.param("profile", profileId)
			.param("identifier", identifier)
			.param("to", to)
			.update();
	}

	public List<String> identifiersOnlyWith(String profileId, String identifier) {
		return jdbc.sql("""
				select i from (select identifiers, identifiers @> array[:identifier]::text[] as carries
				                 from tracked_event where profile_id = :profile and identifiers is not null) e,
				       unnest(e.identifiers) i
				 group by i having bool_and(carries)""")
			.param("profile", profileId)
			.param("identifier", identifier)
			.query(String.class)
			.list();
	}

	public List<CollectedEvent> ofProfile(String profileId, int limit) {
		return jdbc
			.sql("select * from tracked_event where profile_id = :profile order by occurred_at, seq limit :limit")
			.param("profile", profileId)
			.param("limit", limit)
			.query(this::event)
			.list();
	}

	public List<CollectedEvent> page(Collection<String> profileIds, @Nullable Instant beforeAt, long beforeSeq,
			int limit, @Nullable String channelId, @Nullable String type) {
		return jdbc.sql("""
				select * from tracked_event
				 where profile_id = any(:profiles::text[]) and not consent_only
				   and (:beforeAt::timestamptz is null or (occurred_at, seq) < (:beforeAt::timestamptz, :beforeSeq))
				   and (:channel::text is null or channel_id = :channel) and (:type::text is null or type = :type)
				 order by occurred_at desc, seq desc limit :limit""")
			.param("profiles", profileIds.toArray(String[]::new))
			.param("beforeAt", beforeAt == null ? null : Timestamp.from(beforeAt))
			.param("beforeSeq", beforeSeq)
			.param("channel", channelId)
			.param("type", type)
			.param("limit", limit)
			.query(this::event)
			.list();
	}

	public List<CollectedEvent> recent(String channelId, int limit) {
		return jdbc.sql("select * from tracked_event where channel_id = :channel order by seq desc limit :limit")
			.param("channel", channelId)
			.param("limit", limit)
			.query(this::event)
			.list();
	}

	public List<Map<String, Object>> counters(String channelId, LocalDate since) {
		return jdbc.sql("""
				select day, outcome, count, last_at, last_sample from collection_counter
				 where channel_id = :channel and day >= :since order by day desc, outcome""")
			.param("channel", channelId)
			.param("since", since)
			.query()
			.listOfRows();
	}

	private CollectedEvent event(ResultSet rs, int row) throws SQLException {
		Array identifiers = rs.getArray("identifiers");
		return new CollectedEvent(rs.getLong("seq"), rs.getString("channel_id"), rs.getString("message_id"),
				rs.getString("type"), rs.getString("event"), rs.getString("user_id"), rs.getString("anonymous_id"),
				rs.getTimestamp("occurred_at").toInstant(), rs.getTimestamp("received_at").toInstant(),
				(ObjectNode) json.readTree(rs.getString("payload")), rs.getBoolean("consent_only"),
				rs.getString("profile_id"),
				identifiers == null ? List.of() : List.of((String[]) identifiers.getArray()));
	}

}
