package io.omnis.tracking.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.CollectingOmnis;
import io.omnis.tracking.Collected;
import io.omnis.tracking.EarlyResolution;
import io.omnis.tracking.TrackingProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When linking at acceptance fails on a lock (a deadlock with a batch changing the same
 * profiles, or a lock timeout), the request's transaction rolls back whole and its
 * messages are stored again for the queue: the client still gets its answer, and every
 * message is stored once.
 */
class EarlyResolutionFallbackTests extends CollectingOmnis {

	@Autowired
	EventLog log;

	@Autowired
	CollectionCounters counters;

	@Autowired
	TrackingProperties limits;

	@Autowired
	JsonMapper json;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Clock clock;

	@Autowired
	QueuedSignal queued;

	@Test
	void aLinkThatFailsOnALockLeavesTheMessagesToTheQueue() {
		Source source = source("early-fallback");
		String anonymous = unique("anon");
		EarlyResolution deadlocking = (channel, messages) -> new EarlyResolution.Plan() {
			@Override
			public boolean isEmpty() {
				return false;
			}

			@Override
			public Map<String, EarlyResolution.Link> confirm(Map<String, Long> stored) {
				assertThat(stored).hasSize(2);
				throw new CannotAcquireLockException("deadlock detected");
			}
		};
		StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("early", deadlocking));
		Collector collector = new Collector(log, counters, limits, json, transactions, meters, clock, queued,
				beans.getBeanProvider(EarlyResolution.class));

		Collected collected = collector.collect(source.channelId(),
				new Envelope(null,
						List.of(track("Product Viewed", null, anonymous), track("Cart Viewed", null, anonymous)), null,
						null, null),
				null);

		assertThat(collected.accepted()).isEqualTo(2);
		assertThat(jdbc.sql("""
				select count(*) from tracked_event e
				 where e.channel_id = :channel and e.anonymous_id = :anonymous""")
			.param("channel", source.channelId())
			.param("anonymous", anonymous)
			.query(Long.class)
			.single()).isEqualTo(2);
		// Queued, then resolved by this node's workers
		io.omnis.Poll.until(RESOLUTION,
				() -> jdbc.sql("""
						select count(*) from event_profile p join tracked_event e on e.seq = p.seq
						 where e.channel_id = :channel and e.anonymous_id = :anonymous""")
					.param("channel", source.channelId())
					.param("anonymous", anonymous)
					.query(Long.class)
					.single(),
				linked -> linked == 2);
	}

}
