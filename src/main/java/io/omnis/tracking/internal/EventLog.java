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
import java.util.concurrent.atomic.AtomicLong;

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
 * tables: {@code event_resolution_queue} holds the events still waiting, and
 * {@code event_profile} the profile each resolved event went to, so that resolving never
 * rewrites the wide row or its indexes.
 */
@Repository
public class EventLog {

	/** An event with its resolution, if it has one. */
	private static final String EVENTS = """
			select e.*, p.profile_id, p.identifiers from tracked_event e left join event_profile p on p.seq = e.seq
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	/** Events this node's claims took off the queue, counted for {@link QueueVacuum}. */
	private final AtomicLong claimed = new AtomicLong();

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
			identifiers[i] = link == null ? null : arrayText(link.identifiers());
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

	/**
	 * How long the oldest event waiting for resolution has waited: one step down the
	 * queue's index per bucket.
	 */
	java.time.Duration oldestUnresolvedAge() {
		return jdbc.sql(OLDEST)
			.query(Timestamp.class)
			.optional()
			.map(oldest -> java.time.Duration.between(oldest.toInstant(), Instant.now()))
			.orElse(java.time.Duration.ZERO);
	}

	private static final String OLDEST = "select min(received_at) from (\n" + heads(0, 1, "received_at", "1")
			+ "\n) heads having count(*) > 0";

	/**
	 * Takes the next waiting events of one share of the buckets off the queue (their rows
	 * come back if the caller's transaction rolls back): those whose bucket is
	 * {@code shard} modulo {@code shards}, oldest first. A claimer that meets rows
	 * another one is deleting waits for it and gets only the rows still there; the rows
	 * are picked once (a materialized CTE) and deleted by their address (a TID scan): a
	 * picked row stays at its address while this statement's snapshot can see it, even
	 * when another claimer deletes it meanwhile (this delete then skips it).
	 * <p>
	 * The claim reads the head of each of the shard's buckets in their own index
	 * ({@code (bucket, seq)}) and merges them in seq order, so it reads about
	 * {@code limit} entries however long the backlog of this and the other shards is. The
	 * limit is written into the statement, which then has no parameter: PostgreSQL plans
	 * it once per connection instead of on every call (planning its branches cost more
	 * than running it on an empty queue, and an idle node claims often).
	 */
	public List<CollectedEvent> claimUnresolved(int shard, int shards, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be positive, not " + limit);
		}
		List<CollectedEvent> events = jdbc.sql(claimSql(shard, shards, limit)).query(this::event).list();
		claimed.addAndGet(events.size());
		return events;
	}

	/** The events claimed since the last call, and starts counting again. */
	long takeClaimedCount() {
		return claimed.getAndSet(0);
	}

	private final Map<ClaimKey, String> claims = new java.util.concurrent.ConcurrentHashMap<>();

	private record ClaimKey(int shard, int shards, int limit) {
	}

	/**
	 * The claim of a share of the buckets: one ordered branch per bucket, merged. Callers
	 * use a handful of limits (a batch size and its doubles), so the texts are kept.
	 */
	String claimSql(int shard, int shards, int limit) {
		return claims.computeIfAbsent(new ClaimKey(shard, shards, limit), key -> """
				with picked as materialized (
				    select at, seq from (
				%s
				    ) heads order by seq limit %d),
				claimed as (
				    delete from event_resolution_queue q where q.ctid = any(array(select at from picked))
				    returning q.seq)
				select e.*, null::text as profile_id, null::text[] as identifiers
				  from tracked_event e join claimed c on c.seq = e.seq order by e.seq"""
			.formatted(heads(shard, shards, "ctid as at, seq", Integer.toString(limit)), limit));
	}

	/** One ordered branch per bucket of a share of the buckets, {@code union all}. */
	private static String heads(int shard, int shards, String columns, String limit) {
		StringBuilder heads = new StringBuilder();
		for (int bucket = shard; bucket < CollectedEvents.BUCKETS; bucket += shards) {
			heads.append(heads.isEmpty() ? "" : "\n        union all\n")
				.append("        (select ")
				.append(columns)
				.append(" from event_resolution_queue where bucket = ")
				.append(bucket)
				.append(" order by seq limit ")
				.append(limit)
				.append(')');
		}
		return heads.toString();
	}

	/**
	 * The still unresolved ones of these messages (channel and message id at the same
	 * index), in acceptance order. Their queue rows are deleted in one statement, in the
	 * order of their place in the table (a TID scan sorts its list) as a batch's claim
	 * deletes its rows, so that the two, locking in the same order, cannot deadlock.
	 */
	public List<CollectedEvent> claimUnresolved(String[] channelIds, String[] messageIds) {
		return jdbc.sql("""
				with claimed as (
				    delete from event_resolution_queue q where q.ctid = any(array(
				        select w.ctid from unnest(:channels::text[], :messages::text[]) as x(channel_id, message_id)
				          join tracked_event e on e.channel_id = x.channel_id and e.message_id = x.message_id
				          join event_resolution_queue w
				            on w.bucket = hashtext(coalesce(e.anonymous_id, e.user_id, '')) & 63 and w.seq = e.seq))
				    returning q.seq)
				select e.*, null::text as profile_id, null::text[] as identifiers
				  from tracked_event e join claimed c on c.seq = e.seq order by e.seq""")
			.param("channels", channelIds)
			.param("messages", messageIds)
			.query(this::event)
			.list();
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
			.param("identifiers", identifiers.stream().map(EventLog::arrayText).toArray(String[]::new))
			.update();
	}

	/**
	 * The text form of a PostgreSQL {@code text[]}: each element in double quotes, with
	 * backslashes and double quotes escaped, so any value reads back as it was.
	 */
	static String arrayText(List<String> values) {
		StringBuilder out = new StringBuilder(values.size() * 24 + 2).append('{');
		for (String value : values) {
			if (out.length() > 1) {
				out.append(',');
			}
			out.append('"');
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '"' || c == '\\') {
					out.append('\\');
				}
				out.append(c);
			}
			out.append('"');
		}
		return out.append('}').toString();
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

	public List<CollectedEvent> recent(String channelId, int limit) {
		return jdbc.sql(EVENTS + "where e.channel_id = :channel order by e.seq desc limit :limit")
			.param("channel", channelId)
			.param("limit", limit)
			.query(this::event)
			.list();
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
