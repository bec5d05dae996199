package io.omnis.bench.workload;

/**
 * The profile lookup by e-mail of {@link ProfileLookup} asked by one client at a time:
 * its p99 is the service time of one lookup, without the queueing that sixteen clients on
 * two cores add (issue 3's "profile lookup p99 under 5 ms" is a claim about this).
 */
public class ProfileLookupOneClient extends ProfileLookup {

	@Override
	public String name() {
		return "profile-lookup-1-client";
	}

	@Override
	public int concurrency() {
		return 1;
	}

}
