package io.omnis.customer.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.tracking.CollectedEvents;

/**
 * The advisory locks that keep identity resolution consistent across nodes (ADR 0015):
 * one per shard, which a resolution batch holds; a gate, which out-of-turn resolution
 * shares; and the graph lock, the gate and every shard, for whatever changes the graph
 * outside the shards. All are held until the transaction ends.
 */
@Component
public class GraphLocks {

	/** The class of the advisory locks, one per shard, that resolution takes. */
	private static final int GRAPH_LOCKS = 741823091;

	/**
	 * The key, in the class of the shard locks, of the gate: taken first by
	 * {@link #lockGraph}, shared by {@link #enterGraph}.
	 */
	private static final int GATE = -1;

	private final JdbcClient jdbc;

	GraphLocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Makes this transaction the only one resolving a shard across every node; false when
	 * another one holds it.
	 */
	boolean tryLockShard(int shard) {
		return jdbc.sql("select pg_try_advisory_xact_lock(:class, :shard)")
			.param("class", GRAPH_LOCKS)
			.param("shard", shard)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Waits until no resolution batch and no out-of-turn group runs on any node, and
	 * keeps them all out until this transaction ends: for splits, consent taken through
	 * the API and whatever else changes the graph outside the shards. The gate is taken
	 * first, then every shard in order, so two callers cannot deadlock.
	 */
	void lockGraph() {
		jdbc.sql("select pg_advisory_xact_lock(:class, s) from generate_series(:gate, :last) s")
			.param("class", GRAPH_LOCKS)
			.param("gate", GATE)
			.param("last", CollectedEvents.BUCKETS - 1)
			.query()
			.listOfRows();
	}

	/**
	 * Waits until no {@link #lockGraph} holder runs and keeps them out until this
	 * transaction ends, without keeping out batches or other callers of this: for
	 * out-of-turn resolution, which meets batches as batches of two shards meet each
	 * other (profile rows locked in id order, identifiers under their unique key, done
	 * anew when they met).
	 */
	void enterGraph() {
		jdbc.sql("select pg_advisory_xact_lock_shared(:class, :gate)")
			.param("class", GRAPH_LOCKS)
			.param("gate", GATE)
			.query()
			.listOfRows();
	}

}
