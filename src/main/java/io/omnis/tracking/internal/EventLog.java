package io.omnis.tracking.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
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
import io.omnis.tracking.CollectedEvents;
import io.omnis.tracking.EarlyResolution;

/**
 * The tracked_event log, written in batches.
 * <p>
 * An event row is written once. Identity resolution's state sits beside it in narrow
 * tables: {@code event_resolution_queue} holds the events still waiting (claimed through
 * {@link ResolutionQueue}), and {@code event_profile} the profile each resolved event
 * went to, so that resolving never rewrites the wide row or its indexes.
 */
@Repository
public class EventLog {

	/** An event with its resolution, if it has one. */
	private static final String EVENTS = """
			select e.*, p.profile_id, p.identifiers from tracked_event e left join event_profile p on p.seq = e.seq
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	EventLog(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Stores the rows of one request in one statement; rows whose messageId this source
	 * already sent are skipped when {@code skipSent}. Without it the statement is a plain
	 * insert, which fails on the first message already sent (a
	 * {@link org.springframework.dao.DuplicateKeyException}, the transaction to roll
	 * back): it spares the speculative insertion of {@code on conflict} (a probe of the
	 * key and a confirmation record per row) in the common case of messages never seen
	 * before.
	 * @return the message ids actually inserted
	 */
	Set<String> insert(String channelId, List<Messages.Row> rows, Instant receivedAt, boolean skipSent) {
		if (rows.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(insert(channelId, rows, receivedAt, skipSent ? INSERT_SKIPPING_SENT : INSERT,
				(rs, i) -> rs.getString(1)));
	}

	/**
	 * Stores the rows as {@link #insert} does but queues none of them: the caller links
	 * or queues each with {@link #linkOrQueue} once it knows which early resolution
	 * linked.
	 * @return the seq of each message actually inserted, by message id
	 */
	Map<String, Long> insertUnqueued(String channelId, List<Messages.Row> rows, Instant receivedAt, boolean skipSent) {
		Map<String, Long> stored = new java.util.HashMap<>();
		if (rows.isEmpty()) {
			return stored;
		}
		insert(channelId, rows, receivedAt, skipSent ? INSERT_UNQUEUED_SKIPPING_SENT : INSERT_UNQUEUED, (rs, i) -> {
			stored.put(rs.getString(1), rs.getLong(2));
			return null;
		});
		return stored;
	}

	private <T> List<T> insert(String channelId, List<Messages.Row> rows, Instant receivedAt, String sql,
			org.springframework.jdbc.core.RowMapper<T> mapper) {
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
		return jdbc.sql(sql)
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
			.query(mapper)
			.list();
	}

	/**
	 * The insert of a request's rows in one statement over arrays, with a conflict clause
	 * (none, or skipping messages already sent) and what it returns.
	 */
	private static String insertEvents(String conflict, String returning) {
		return """
				insert into tracked_event (channel_id, message_id, type, event, user_id, anonymous_id, occurred_at,
				                           received_at, payload, consent_only)
				select :channel, m, t, e, u, a, o, :received, p::json, c
				  from unnest(:ids::text[], :types::text[], :events::text[], :users::text[], :anons::text[],
				              :occurred::timestamptz[], :payloads::text[], :consentOnly::boolean[])
				       as x(m, t, e, u, a, o, p, c)
				%s
				returning %s""".formatted(conflict, returning);
	}

	/** The insert with a queue row for each inserted row that carries an identity. */
	private static String insertQueued(String conflict) {
		return "with inserted as (\n" + insertEvents(conflict, "seq, message_id, user_id, anonymous_id") + "),\n" + """
				queued as (
				    insert into event_resolution_queue (seq, received_at, bucket)
				    select seq, :received, hashtext(coalesce(anonymous_id, user_id)) & 63
				      from inserted where user_id is not null or anonymous_id is not null)
				select message_id from inserted""";
	}

	private static final String SKIPPING_SENT = "on conflict (channel_id, message_id) do nothing";

	private static final String INSERT = insertQueued("");

	private static final String INSERT_SKIPPING_SENT = insertQueued(SKIPPING_SENT);

	private static final String INSERT_UNQUEUED = insertEvents("", "message_id, seq");

	private static final String INSERT_UNQUEUED_SKIPPING_SENT = insertEvents(SKIPPING_SENT, "message_id, seq");

	/**
	 * After {@link #insertUnqueued}: writes the profile of each stored row early
	 * resolution linked ({@code links} by message id), and queues the others that carry
	 * an identity for resolution, in one statement.
	 */
	void linkOrQueue(List<Messages.Row> rows, Map<String, Long> stored, Map<String, EarlyResolution.Link> links,
			Instant receivedAt) {
		int n = stored.size();
		Long[] seqs = new Long[n];
		String[] profiles = new String[n];
		String[] identifiers = new String[n];
		Timestamp[] occurred = new Timestamp[n];
		String[] buckets = new String[n];
		int i = 0;
		for (Messages.Row row : rows) {
			Long seq = stored.get(row.messageId());
			if (seq == null || i == n) {
				continue;
			}
			EarlyResolution.Link link = links.get(row.messageId());
			seqs[i] = seq;
			profiles[i] = link == null ? null : link.profileId();
			identifiers[i] = link == null ? null : TextArray.of(link.identifiers());
			occurred[i] = Timestamp.from(row.occurredAt());
			// The bucket collection gives a waiting event: the hash of its device's id
			buckets[i] = link != null ? null : row.anonymousId() != null ? row.anonymousId() : row.userId();
			i++;
		}
		jdbc.sql("""
				with linked as (
				    insert into event_profile (seq, profile_id, occurred_at, identifiers, resolved_at)
				    select x.s, x.p, x.o, x.i::text[], now()
				      from unnest(:seqs::bigint[], :profiles::text[], :identifiers::text[], :occurred::timestamptz[])
				           as x(s, p, i, o)
				     where x.p is not null)
				insert into event_resolution_queue (seq, received_at, bucket)
				select x.s, :received, hashtext(x.d) & 63
				  from unnest(:seqs::bigint[], :devices::text[]) as x(s, d) where x.d is not null""")
			.param("seqs", seqs)
			.param("profiles", profiles)
			.param("identifiers", identifiers)
			.param("occurred", occurred)
			.param("devices", buckets)
			.param("received", Timestamp.from(receivedAt))
			.update();
	}

	public Optional<CollectedEvent> find(String channelId, String messageId) {
		return jdbc.sql(EVENTS + "where e.channel_id = :channel and e.message_id = :message")
			.param("channel", channelId)
			.param("message", messageId)
			.query(this::event)
			.optional();
	}

	public void assign(long[] seqs, String[] profileIds, List<List<String>> identifiers, Instant[] occurredAt) {
		// Each event's identifiers travel as the text of an array (every element quoted
		// and escaped: a value may hold any character, so no separator is safe), which
		// PostgreSQL reads with the array's input function rather than a subquery over
		// a parsed JSON array per row. An event resolved to no profile only leaves the
		// queue. The event time comes with the assignment (the resolver has the event in
		// hand): with no read of the event per row, the generic plan is no dearer than a
		// custom one for a batch of one, and PostgreSQL keeps it (ADR 0026)
		jdbc.sql("""
				insert into event_profile (seq, profile_id, occurred_at, identifiers, resolved_at)
				select x.s, x.p, x.o, x.i::text[], now()
				  from unnest(:seqs::bigint[], :profiles::text[], :identifiers::text[], :occurred::timestamptz[])
				       as x(s, p, i, o)
				 where x.p is not null""")
			.param("seqs", Arrays.stream(seqs).boxed().toArray(Long[]::new))
			.param("occurred", Arrays.stream(occurredAt).map(Timestamp::from).toArray(Timestamp[]::new))
			.param("profiles", profileIds)
			.param("identifiers", identifiers.stream().map(TextArray::of).toArray(String[]::new))
			.update();
	}

	/**
	 * Deletes the events of these profiles, and the events still waiting for resolution
	 * that carry one of these user ids, or one of these anonymous ids and no user id
	 * (they would otherwise make her a new profile; one with her device's anonymous id
	 * and another user's id is someone else's, on a shared device).
	 * @return how many events were deleted
	 */
	public int erase(Collection<String> profileIds, Collection<String> userIds, Collection<String> anonymousIds) {
		return jdbc.sql("""
				with resolved as (
				    delete from event_profile where profile_id = any(:profiles::text[]) returning seq),
				waiting as (
				    delete from event_resolution_queue q using tracked_event e
				     where e.seq = q.seq
				       and (e.user_id = any(:users::text[])
				            or (e.anonymous_id = any(:anons::text[]) and e.user_id is null))
				    returning q.seq)
				delete from tracked_event where seq in (select seq from resolved union select seq from waiting)""")
			.param("profiles", profileIds.toArray(String[]::new))
			.param("users", userIds.toArray(String[]::new))
			.param("anons", anonymousIds.toArray(String[]::new))
			.update();
	}

	/** Deletes these events, already taken off the queue and resolved to no profile. */
	public int delete(long[] seqs) {
		return jdbc.sql("delete from tracked_event where seq = any(:seqs::bigint[])")
			.param("seqs", Arrays.stream(seqs).boxed().toArray(Long[]::new))
			.update();
	}

	public int reassign(String from, String to) {
		return jdbc.sql("update event_profile set profile_id = :to where profile_id = :from")
			.param("from", from)
			.param("to", to)
			.update();
	}

	public int reassignCarrying(String profileId, String identifier, String to) {
		return jdbc.sql("""
				update event_profile set profile_id = :to
				 where profile_id = :profile and identifiers @> array[:identifier]::text[]""")
			.param("profile", profileId)
			.param("identifier", identifier)
			.param("to", to)
			.update();
	}

	public List<String> identifiersOnlyWith(String profileId, String identifier) {
		return jdbc.sql("""
				select i from (select identifiers, identifiers @> array[:identifier]::text[] as carries
				                 from event_profile where profile_id = :profile) e,
				       unnest(e.identifiers) i
				 group by i having bool_and(carries)""")
			.param("profile", profileId)
			.param("identifier", identifier)
			.query(String.class)
			.list();
	}

	/**
	 * What a profile's events add up to, per channel, type, event name and whether they
	 * only stated consent, over the events with an event time after {@code after} (all
	 * when null) and up to {@code until} (no bound when null): one range of the index by
	 * profile and event time.
	 */
	public List<CollectedEvents.Activity> activity(String profileId, @Nullable Instant after, @Nullable Instant until) {
		return jdbc.sql("""
				select e.channel_id, e.type, e.event, e.consent_only, count(*) as events,
				       min(p.occurred_at) as first_at, max(p.occurred_at) as last_at, min(p.seq) as first_seq
				  from event_profile p join tracked_event e on e.seq = p.seq
				 where p.profile_id = :profile
				   and p.occurred_at > coalesce(:after::timestamptz, '-infinity')
				   and p.occurred_at <= coalesce(:until::timestamptz, 'infinity')
				 group by e.channel_id, e.type, e.event, e.consent_only
				 order by first_seq""")
			.param("profile", profileId)
			.param("after", after == null ? null : Timestamp.from(after))
			.param("until", until == null ? null : Timestamp.from(until))
			.query((rs, n) -> new CollectedEvents.Activity(rs.getString("channel_id"), rs.getString("type"),
					rs.getString("event"), rs.getBoolean("consent_only"), rs.getLong("events"),
					rs.getTimestamp("first_at").toInstant(), rs.getTimestamp("last_at").toInstant()))
			.list();
	}

	public List<CollectedEvent> ofProfile(String profileId, int limit) {
		return jdbc.sql("""
				select e.*, p.profile_id, p.identifiers from event_profile p join tracked_event e on e.seq = p.seq
				 where p.profile_id = :profile order by p.occurred_at, p.seq limit :limit""")
			.param("profile", profileId)
			.param("limit", limit)
			.query(this::event)
			.list();
	}

	public List<CollectedEvent> page(Collection<String> profileIds, @Nullable Instant beforeAt, long beforeSeq,
			int limit, @Nullable String channelId, @Nullable String type) {
		return jdbc.sql("""
				select e.*, p.profile_id, p.identifiers from event_profile p join tracked_event e on e.seq = p.seq
				 where p.profile_id = any(:profiles::text[]) and not e.consent_only
				   and (:beforeAt::timestamptz is null or (p.occurred_at, p.seq) < (:beforeAt::timestamptz, :beforeSeq))
				   and (:channel::text is null or e.channel_id = :channel) and (:type::text is null or e.type = :type)
				 order by p.occurred_at desc, p.seq desc limit :limit""")
			.param("profiles", profileIds.toArray(String[]::new))
			.param("beforeAt", beforeAt == null ? null : Timestamp.from(beforeAt))
			.param("beforeSeq", beforeSeq)
			.param("channel", channelId)
			.param("type", type)
			.param("limit", limit)
			.query(this::event)
			.list();
	}

	/** How many of the latest resolved events {@link #recentProfiles} looks at. */
	public static final int RECENT_WINDOW = 2_000;

	public List<String> recentProfiles(int limit) {
		return jdbc.sql("""
				select profile_id
				  from (select profile_id, occurred_at, seq from event_profile order by seq desc limit :window) r
				 group by profile_id order by max(occurred_at) desc, max(seq) desc limit :limit""")
			.param("window", RECENT_WINDOW)
			.param("limit", limit)
			.query(String.class)
			.list();
	}

	public List<CollectedEvent> recent(String channelId, int limit) {
		return jdbc.sql(EVENTS + "where e.channel_id = :channel order by e.seq desc limit :limit")
			.param("channel", channelId)
			.param("limit", limit)
			.query(this::event)
			.list();
	}

	/** An event as read with the columns of {@code tracked_event} and its resolution. */
	CollectedEvent event(ResultSet rs, int row) throws SQLException {
		Array identifiers = rs.getArray("identifiers");
		return new CollectedEvent(rs.getLong("seq"), rs.getString("channel_id"), rs.getString("message_id"),
				rs.getString("type"), rs.getString("event"), rs.getString("user_id"), rs.getString("anonymous_id"),
				rs.getTimestamp("occurred_at").toInstant(), rs.getTimestamp("received_at").toInstant(),
				(ObjectNode) json.readTree(rs.getString("payload")), rs.getBoolean("consent_only"),
				rs.getString("profile_id"),
				identifiers == null ? List.of() : List.of((String[]) identifiers.getArray()));
	}

}
