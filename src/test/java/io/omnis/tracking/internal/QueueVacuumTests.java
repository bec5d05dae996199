package io.omnis.tracking.internal;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

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

	@Autowired
	private DataSource dataSource;

	@Autowired
	private TransactionTemplate transactions;

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

	/**
	 * A vacuum that finds empty pages at the end of a table waits up to five seconds for
	 * the table's exclusive lock to give them back; the queue is always in use, so it
	 * keeps them and the vacuum ends at once.
	 */
	@Test
	void theVacuumDoesNotWaitForTheQueuesLockToShrinkIt() throws Exception {
		// Autovacuum off on the queue meanwhile: one of its own would either shrink the
		// queue first or make this vacuum skip it, and the test would prove nothing
		jdbc.sql("alter table event_resolution_queue set (autovacuum_enabled = false)").update();
		try {
			// Rows inserted and deleted in one transaction: dead at once, leaving empty
			// pages at the end of the queue
			transactions.executeWithoutResult(status -> {
				jdbc.sql("""
						insert into event_resolution_queue (seq, received_at, bucket)
						select -g, now(), 0 from generate_series(1, 30000) g""").update();
				jdbc.sql("delete from event_resolution_queue where seq < 0").update();
			});
			long before = vacuumCount();
			try (Connection reader = dataSource.getConnection(); Statement statement = reader.createStatement()) {
				// A transaction that read the queue and is still open, as a collecting
				// request is: it holds a lock that a shrinking vacuum waits five seconds
				// for
				reader.setAutoCommit(false);
				statement.execute("select count(*) from event_resolution_queue");
				long start = System.nanoTime();
				vacuum.vacuum();
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				reader.commit();
				assertThat(took).isLessThan(Duration.ofSeconds(3));
			}
			Poll.until(Duration.ofSeconds(10), this::vacuumCount, count -> count > before);
		}
		finally {
			jdbc.sql("alter table event_resolution_queue reset (autovacuum_enabled)").update();
		}
	}

	private long vacuumCount() {
		jdbc.sql("select pg_stat_clear_snapshot()").query(Object.class).optional();
		return jdbc.sql("select vacuum_count from pg_stat_user_tables where relname = 'event_resolution_queue'")
			.query(Long.class)
			.single();
	}

}
