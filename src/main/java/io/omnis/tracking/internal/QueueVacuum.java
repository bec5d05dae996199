package io.omnis.tracking.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Vacuums the resolution queue once this node has claimed {@value #CHURN} events since it
 * last did.
 * <p>
 * Every collected event is a queue row that a claim deletes, and each claim reads the
 * head of its buckets' index, where the deleted rows' entries stay until a vacuum removes
 * them: between two vacuums every claim walks more of them. Autovacuum visits a database
 * once per {@code autovacuum_naptime} (a minute by default), in which a collecting node
 * deletes some hundreds of thousands of rows; the queue's live rows are few, so a vacuum
 * of it is cheap. When another node is already vacuuming it, this one does not wait; a
 * vacuum the database user may not run is a warning from PostgreSQL, not an error. The
 * queue keeps its empty pages ({@code vacuum_truncate = false}): giving them back would
 * take its exclusive lock, which a vacuum waited up to five seconds for under load.
 */
@Component
class QueueVacuum {

	private static final Logger log = LoggerFactory.getLogger(QueueVacuum.class);

	/** Claimed events between two vacuums, as the queue's autovacuum threshold. */
	static final long CHURN = 5_000;

	private final ResolutionQueue queue;

	private final JdbcClient jdbc;

	private long claimed;

	QueueVacuum(ResolutionQueue queue, JdbcClient jdbc) {
		this.queue = queue;
		this.jdbc = jdbc;
	}

	@Scheduled(fixedDelay = 2_000)
	void run() {
		vacuumIfChurned();
	}

	/**
	 * Vacuums the queue if enough was claimed since the last time.
	 * @return whether it vacuumed
	 */
	synchronized boolean vacuumIfChurned() {
		claimed += queue.takeClaimedCount();
		if (claimed < CHURN) {
			return false;
		}
		claimed = 0;
		try {
			vacuum();
			return true;
		}
		catch (RuntimeException ex) {
			log.warn("Could not vacuum the resolution queue; autovacuum will", ex);
			return false;
		}
	}

	/**
	 * Vacuums the queue, unless another session is vacuuming it; outside any transaction
	 * (the scheduler's connection is in autocommit).
	 */
	void vacuum() {
		jdbc.sql("vacuum (skip_locked) event_resolution_queue").update();
	}

}
