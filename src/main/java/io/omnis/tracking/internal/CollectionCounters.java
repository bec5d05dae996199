package io.omnis.tracking.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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
