package io.omnis.bench;

/**
 * One row of the benchmark: an operation on Omnis over HTTP, run at a fixed concurrency,
 * and the database primitive it is compared with.
 * <p>
 * To add a workload, write one class implementing this interface in
 * {@code io.omnis.bench.workload} with a public no-argument constructor; the suite finds
 * it on the class path. When its name is one of the {@link Planned} workloads, it
 * replaces that "pending" line.
 */
public interface Workload {

	/** The row's name, for example {@code channel-lookup}. */
	String name();

	/** What one operation is, for example {@code GET /api/v1/channels/{id}}. */
	String operation();

	/** How many operations are in flight at once, the same in every mode. */
	default int concurrency() {
		return 16;
	}

	/**
	 * Loads what the operations need, through the public API, from the bench's fixed seed
	 * so that every run of a mode sees the same data.
	 */
	void setUp(Bench bench) throws Exception;

	/**
	 * Runs one operation and returns normally when it succeeded.
	 * @param n the operation's sequence number in this workload (warm-up included), from
	 * which deterministic inputs are derived
	 */
	void run(Bench bench, long n) throws Exception;

	/**
	 * How many items (messages, lines) one operation carries, when it carries several;
	 * the report then also shows items per second.
	 */
	default int itemsPerOperation() {
		return 1;
	}

	/**
	 * Facts measured once the load is over (for example how far behind asynchronous work
	 * fell), printed under the table and kept in the JSON.
	 */
	default java.util.Map<String, String> afterMeasure(Bench bench) throws Exception {
		return java.util.Map.of();
	}

	/**
	 * The nearest database primitive, measured on the same PostgreSQL in the same run.
	 */
	Baseline baseline(Bench bench);

	/**
	 * Further database primitives, measured like the baseline after it: the least a
	 * design not built yet would cost the database, say. Their rate and CPU per item are
	 * printed as facts; the ratio stays the baseline's.
	 */
	default java.util.List<Baseline> floors(Bench bench) {
		return java.util.List.of();
	}

}
