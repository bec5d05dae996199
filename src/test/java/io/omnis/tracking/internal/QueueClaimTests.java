package io.omnis.tracking.internal;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.CollectingOmnis;
import io.omnis.Http;
import io.omnis.PreparedPlans;
import io.omnis.tracking.CollectedEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shard's claim on the resolution queue reads its own buckets, not the backlog: with
 * 100,000 events of the other shards waiting ahead of its own, it reads at most its own
 * waiting events (the heads of its buckets when they hold more than a batch). A claim is
 * planned once per connection.
 */
class QueueClaimTests extends CollectingOmnis {

	private static final int LIMIT = 500;

	private static final String CLAIM = "delete from event_resolution_queue q where q.ctid";

	@Autowired
	private ResolutionQueue queue;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void aShardsClaimReadsAboutAsManyQueueEntriesAsItClaimsWhateverTheBacklogOfOtherShards() {
		transactions.executeWithoutResult(status -> {
			// Uncommitted, so the running resolution workers never see these rows; they
			// go
			// with the rollback. Far above any real seq, other shards' events first.
			jdbc.sql("""
					insert into event_resolution_queue (seq, received_at, bucket)
					select 1000000000000 + s, now(), (s % 48) / 3 * 4 + 1 + s % 3 from generate_series(1, 100000) s""")
				.update();
			jdbc.sql("""
					insert into event_resolution_queue (seq, received_at, bucket)
					select 1000000200000 + s, now(), (s % 16) * 4 from generate_series(1, 1000) s""").update();
			jdbc.sql("analyze event_resolution_queue").update();
			long ownWaiting = jdbc.sql("select count(*) from event_resolution_queue where bucket % 4 = 0")
				.query(Long.class)
				.single();

			String plan = jdbc.sql("explain (analyze, format json) " + queue.claimSql(0, 4, LIMIT))
				.query(String.class)
				.single();
			long[] read = new long[1];
			entriesRead(Http.JSON.readTree(plan).get(0).get("Plan"), read);
			// At most the shard's own waiting events (the planner may read a small bucket
			// whole rather than in order) and the delete of each claimed row by key;
			// never
			// the 100,000 of the other shards
			assertThat(read[0]).as("queue entries read by the claim\n%s", plan)
				.isLessThanOrEqualTo(ownWaiting + LIMIT + CollectedEvents.BUCKETS);
			assertThat(waiting("bucket % 4 <> 0")).as("other shards' events stay queued").isEqualTo(100_000L);
			// Events that really wait (older) may come first in the batch
			assertThat(waiting("bucket % 4 = 0")).as("shard 0's events that were claimed leave the queue")
				.isBetween(1000L - LIMIT, 999L);
			status.setRollbackOnly();
		});
	}

	/**
	 * The claim has no parameter, so PostgreSQL keeps one plan per connection: with its
	 * limit as a parameter, every claim was planned anew (its branches cost more to plan
	 * than an idle claim costs to run). Twelve claims on one connection: pgjdbc prepares
	 * the statement on the server from the fifth.
	 */
	@Test
	void aClaimIsPlannedOncePerConnection() {
		transactions.executeWithoutResult(status -> {
			PreparedPlans before = PreparedPlans.of(jdbc, CLAIM);
			for (int n = 0; n < 12; n++) {
				queue.claimUnresolved(1, 4, LIMIT);
			}
			PreparedPlans planned = PreparedPlans.of(jdbc, CLAIM).since(before);
			assertThat(planned.custom()).as("claims planned for their parameters").isZero();
			assertThat(planned.generic()).as("claims run on the kept plan").isGreaterThanOrEqualTo(6);
			status.setRollbackOnly();
		});
	}

	private long waiting(String condition) {
		return jdbc.sql("select count(*) from event_resolution_queue where seq > 1000000000000 and " + condition)
			.query(Long.class)
			.single();
	}

	/** Rows that scans of the queue produced or filtered out, over all their loops. */
	private static void entriesRead(JsonNode node, long[] read) {
		if ("event_resolution_queue".equals(node.path("Relation Name").asString(""))
				&& node.path("Node Type").asString("").contains("Scan")) {
			read[0] += (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong())
					* Math.max(1, node.path("Actual Loops").asLong());
		}
		for (JsonNode child : node.path("Plans")) {
			entriesRead(child, read);
		}
	}

}
