package io.omnis.bench;

import java.util.List;

/**
 * One run of the suite as it is written to {@code target/bench/results-<time>.json}, so
 * that runs can be compared.
 */
public record Results(String suite, int format, String mode, String startedAt, String finishedAt, Machine machine,
		Settings settings, List<Row> workloads, List<Pending> pending) {

	/**
	 * The machine and the software measured.
	 *
	 * @param loadAverage the one-minute load average before, during (every second) and
	 * after the run
	 */
	public record Machine(int cpus, String os, long memoryMb, String jvm, String omnis, String postgres, String commit,
			LoadAverages loadAverage) {

	}

	public record LoadAverages(Double before, LoadAverage.Stats during, Double after,
			List<LoadAverage.Sample> samples) {

	}

	/** The bounds every workload ran under. */
	public record Settings(double warmUpSeconds, double measureSeconds, int maxOps, double baselineSeconds, int scale,
			long seed, java.util.Map<String, String> postgres) {

		static Settings of(Mode mode, java.util.Map<String, String> postgres) {
			return new Settings(mode.warmUp().toMillis() / 1000.0, mode.measure().toMillis() / 1000.0, mode.maxOps(),
					mode.baseline().toMillis() / 1000.0, mode.scale(), Bench.SEED, java.util.Map.copyOf(postgres));
		}

	}

	/**
	 * One workload's row.
	 *
	 * @param ratio Omnis's throughput divided by the baseline's
	 * @param clientSaturated whether the load generator used more than
	 * {@value Report#SATURATED} of a core, so that it may have been the bottleneck
	 * @param itemsPerOperation how many items (messages, lines) one operation carried
	 * @param facts what the workload measured after the load (such as asynchronous lag)
	 */
	public record Row(String name, String operation, int concurrency, double setUpSeconds, Measurement omnis,
			String baseline, Measurement baselineMeasurement, Double ratio, LoadAverage.Stats loadAverage,
			boolean clientSaturated, int itemsPerOperation, java.util.Map<String, String> facts) {

	}

	public record Pending(String name, String module, String operation, String baseline, String status) {

	}

}
