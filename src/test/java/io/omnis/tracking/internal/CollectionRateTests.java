package io.omnis.tracking.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.CollectingOmnis;
import io.omnis.tracking.CollectedEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each node adds what it counted to a source's minute, and the minutes older than two
 * days are deleted.
 */
class CollectionRateTests extends CollectingOmnis {

	@Autowired
	private CollectionCounters counters;

	@Autowired
	private Collector collector;

	@Autowired
	private CollectedEvents events;

	@Test
	void twoNodesCountsOfAMinuteAddUp() {
		String channel = source(unique("Rate nodes")).channelId();
		Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));
		counters.countMinute(channel, minute, 10, 1);
		counters.countMinute(channel, minute, 5, 0);
		counters.countMinute(channel, minute.plus(Duration.ofMinutes(1)), 2, 2);

		assertThat(events.perMinute(channel, minute)).containsExactly(new CollectedEvents.MinuteCount(minute, 15, 1),
				new CollectedEvents.MinuteCount(minute.plus(Duration.ofMinutes(1)), 2, 2));
		assertThat(events.perMinute(channel, minute.plus(Duration.ofMinutes(1))))
			.extracting(CollectedEvents.MinuteCount::accepted)
			.containsExactly(2L);
		assertThat(events.sinceMinute(minute).get(channel)).containsExactly(17, 3);
	}

	@Test
	void minutesOlderThanTwoDaysAreDeleted() {
		String channel = source(unique("Rate pruning")).channelId();
		Instant now = Instant.now();
		Instant kept = now.truncatedTo(ChronoUnit.MINUTES).minus(Collector.MINUTES_KEPT);
		counters.countMinute(channel, kept.minus(Duration.ofMinutes(1)), 1, 0);
		counters.countMinute(channel, kept, 2, 0);

		collector.forgetOldMinutes(now);

		List<CollectedEvents.MinuteCount> left = events.perMinute(channel, kept.minus(Duration.ofDays(1)));
		assertThat(left).extracting(CollectedEvents.MinuteCount::minute).containsExactly(kept);
	}

}
