package io.omnis.tracking.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.tracking.CollectedEvent;
import io.omnis.tracking.CollectedEvents;

/**
 * The events waiting for identity resolution ({@code event_resolution_queue}, written by
 * {@link EventLog} with the events): how old the oldest is, and the claims that take them
 * off the queue, a share of the buckets at a time or named messages out of turn.
 */
@Repository
public class ResolutionQueue {

	private final JdbcClient jdbc;

	private final EventLog log;

	/** Events this node's claims took off the queue, counted for {@link QueueVacuum}. */
	private final AtomicLong claimed = new AtomicLong();

	ResolutionQueue(JdbcClient jdbc, EventLog log) {
		this.jdbc = jdbc;
		this.log = log;
	}

	/**
	 * How long the oldest event waiting for resolution has waited: one step down the
	 * queue's index per bucket.
	 */
	Duration oldestUnresolvedAge() {
		return jdbc.sql(OLDEST)
			.query(Timestamp.class)
			.optional()
			.map(oldest -> Duration.between(oldest.toInstant(), Instant.now()))
			.orElse(Duration.ZERO);
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
		List<CollectedEvent> events = jdbc.sql(claimSql(shard, shards, limit)).query(log::event).list();
		claimed.addAndGet(events.size());
		return events;
	}

	/** The events claimed since the last call, and starts counting again. */
	long takeClaimedCount() {
		return claimed.getAndSet(0);
	}

	private final Map<ClaimKey, String> claims = new ConcurrentHashMap<>();

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
			.query(log::event)
			.list();
	}

}
