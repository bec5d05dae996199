package io.omnis.bench.workload;

/**
 * The availability lookup of {@link AvailabilityLookup} asked by one client at a time:
 * its p99 is the service time of one lookup, without the queueing that sixteen clients on
 * two cores add (the "p99 under 5 ms" is a claim about this).
 */
public class AvailabilityOneClient extends AvailabilityLookup {

	@Override
	public String name() {
		return "availability-1-client";
	}

	@Override
	public int concurrency() {
		return 1;
	}

}
