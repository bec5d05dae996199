package io.omnis.tracking.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.CollectingOmnis;
import io.omnis.Poll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node vacuums the resolution queue itself once it has claimed enough events since it
 * last did, instead of leaving the deleted rows' index entries to autovacuum's next
 * visit; below that it leaves the queue alone.
 */
class QueueVacuumTests extends CollectingOmnis {

	@Autowired
	private QueueVacuum vacuum;

	@Test
	void theQueueIsVacuumedOnceEnoughWasClaimedSinceTheLastTime() {
		List<Long> counts = new ArrayList<>(List.of(QueueVacuum.CHURN - 1, 0L, 1L, QueueVacuum.CHURN, 0L));
		int[] vacuums = new int[1];
		QueueVacuum counting = new QueueVacuum(new ResolutionQueue(null, null) {

			@Override
			long takeClaimedCount() {
				return counts.removeFirst();
			}

		}, null) {

			@Override
			void vacuum() {
				vacuums[0]++;
			}

		};
		assertThat(counting.vacuumIfChurned()).as("one short of the churn").isFalse();
		assertThat(counting.vacuumIfChurned()).as("nothing more claimed").isFalse();
		assertThat(counting.vacuumIfChurned()).as("the churn reached over three runs").isTrue();
		assertThat(counting.vacuumIfChurned()).as("counting starts again after a vacuum").isTrue();
		assertThat(counting.vacuumIfChurned()).isFalse();
		assertThat(vacuums[0]).isEqualTo(2);
	}

	@Test
	void theVacuumRunsOnTheQueueOutsideAnyTransaction() {
		long before = vacuumCount();
		vacuum.vacuum();
		// the statistics reach the view once the session reports them
		Poll.until(Duration.ofSeconds(10), this::vacuumCount, count -> count > before);
	}

	private long vacuumCount() {
		jdbc.sql("select pg_stat_clear_snapshot()").query(Object.class).optional();
		return jdbc.sql("select vacuum_count from pg_stat_user_tables where relname = 'event_resolution_queue'")
			.query(Long.class)
			.single();
	}

}
