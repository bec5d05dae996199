package io.omnis.tracking.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.tracking.CollectedEvents;
import io.omnis.tracking.DropReason;

/**
 * What each source sent per day: accepted messages, and drops by reason with the last
 * dropped message as a sample.
 */
@Repository
public class CollectionCounters {

	private final JdbcClient jdbc;

	CollectionCounters(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void countDrops(String channelId, Map<DropReason, Long> counts, Map<DropReason, String> samples,
			Instant at) {
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
	 * Adds to a source's counts of a minute (the start of the minute, UTC) what this node
	 * accepted and dropped since it last did.
	 */
	void countMinute(String channelId, Instant minute, long accepted, long dropped) {
		jdbc.sql("""
				insert into collection_rate (channel_id, minute, accepted, dropped)
				values (:channel, :minute, :accepted, :dropped)
				on conflict (channel_id, minute) do update
				   set accepted = collection_rate.accepted + excluded.accepted,
				       dropped = collection_rate.dropped + excluded.dropped""")
			.param("channel", channelId)
			.param("minute", Timestamp.from(minute))
			.param("accepted", accepted)
			.param("dropped", dropped)
			.update();
	}

	/** Deletes the per-minute counts of minutes before this one. */
	int forgetMinutesBefore(Instant minute) {
		return jdbc.sql("delete from collection_rate where minute < :minute")
			.param("minute", Timestamp.from(minute))
			.update();
	}

	/** A source's counts per minute from a minute on (minutes with none are absent). */
	public List<CollectedEvents.MinuteCount> perMinute(String channelId, Instant since) {
		return jdbc.sql("""
				select minute, accepted, dropped from collection_rate
				 where channel_id = :channel and minute >= :since order by minute""")
			.param("channel", channelId)
			.param("since", Timestamp.from(since))
			.query((rs, n) -> new CollectedEvents.MinuteCount(rs.getTimestamp("minute").toInstant(),
					rs.getLong("accepted"), rs.getLong("dropped")))
			.list();
	}

	/**
	 * Every source's accepted and dropped counts from a minute on, by channel id:
	 * {accepted, dropped}.
	 */
	public Map<String, long[]> sinceMinute(Instant since) {
		Map<String, long[]> counts = new HashMap<>();
		jdbc.sql("""
				select channel_id, sum(accepted) as accepted, sum(dropped) as dropped from collection_rate
				 where minute >= :since group by channel_id""").param("since", Timestamp.from(since)).query(rs -> {
			counts.put(rs.getString("channel_id"), new long[] { rs.getLong("accepted"), rs.getLong("dropped") });
		});
		return counts;
	}

	/** Every source's counts of one day, by channel id: {accepted, dropped}. */
	public Map<String, long[]> ofDay(LocalDate day) {
		Map<String, long[]> counts = new HashMap<>();
		jdbc.sql("""
				select channel_id, sum(count) filter (where outcome = 'accepted') as accepted,
				       sum(count) filter (where outcome <> 'accepted') as dropped
				  from collection_counter where day = :day group by channel_id""").param("day", day).query(rs -> {
			counts.put(rs.getString("channel_id"), new long[] { rs.getLong("accepted"), rs.getLong("dropped") });
		});
		return counts;
	}

	/**
	 * Clears the samples of dropped messages that name one of these ids (a customer
	 * erased).
	 */
	public void forgetSamplesNaming(Collection<String> ids) {
		jdbc.sql("""
				update collection_counter set last_sample = null
				 where exists (select 1 from unnest(:ids::text[]) i where strpos(last_sample, i) > 0)""")
			.param("ids", ids.toArray(String[]::new))
			.update();
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

}
