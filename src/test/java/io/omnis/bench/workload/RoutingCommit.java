package io.omnis.bench.workload;

import io.omnis.bench.Baseline;
import io.omnis.bench.Bench;
import io.omnis.bench.Workload;

/**
 * A 10-line order routed and reserved end to end: the decision, the daily capacity it
 * uses, the reservation of every line where decided, the fulfilment with its explanation,
 * the pick lists and the event, in one transaction (issue 5's target: 100 orders a
 * second).
 */
public class RoutingCommit implements Workload {

	private Network network;

	private final String run = Long.toString(System.nanoTime(), 36);

	@Override
	public String name() {
		return "routing-commit";
	}

	@Override
	public String operation() {
		return "POST /api/v1/fulfilments of a " + RoutingQuote.LINES + "-line order over " + Network.LOCATIONS
				+ " locations: route, capacity, reservation, pick lists";
	}

	@Override
	public int concurrency() {
		return 8;
	}

	@Override
	public void setUp(Bench bench) throws Exception {
		network = Network.of(bench);
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		bench.api().post("/api/v1/fulfilments", RoutingQuote.body(bench, network, "ord-" + run + "-" + n, n), null);
	}

	@Override
	public Baseline baseline(Bench bench) {
		return RoutingQuote.baselineFor(bench, network);
	}

}
