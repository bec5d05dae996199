package io.omnis.bench.workload;

/**
 * The routing quote of {@link RoutingQuote} asked by one client at a time: its p99 is the
 * service time of one decision for a 10-line order over 300 locations, without the
 * queueing that sixteen clients on two cores add (the "under 10 ms at p99").
 */
public class RoutingOneClient extends RoutingQuote {

	@Override
	public String name() {
		return "routing-1-client";
	}

	@Override
	public int concurrency() {
		return 1;
	}

}
