package io.omnis.bench;

import java.util.Arrays;

/**
 * What one measured phase produced: successful operations, their rate and latency
 * percentiles, the errors, and the CPU each party used meanwhile.
 *
 * @param ops operations that succeeded
 * @param seconds wall time from the first operation's start to the last one's end
 * @param throughput successful operations per second
 * @param errors operations that failed (a non-2xx answer, an exception)
 * @param firstError the message of the first failure, or {@code null}
 */
public record Measurement(long ops, double seconds, double throughput, double p50Ms, double p95Ms, double p99Ms,
		double maxMs, long errors, String firstError, Cpu cpu) {

	/**
	 * @param nanos the latencies of the successful operations, in any order (sorted here)
	 */
	static Measurement of(long[] nanos, long elapsedNanos, long errors, String firstError, Cpu cpu) {
		Arrays.sort(nanos);
		double seconds = elapsedNanos / 1e9;
		return new Measurement(nanos.length, round(seconds), round(seconds > 0 ? nanos.length / seconds : 0),
				millis(nanos, 0.50), millis(nanos, 0.95), millis(nanos, 0.99), millis(nanos, 1.0), errors, firstError,
				cpu);
	}

	/** The nearest-rank percentile, in milliseconds; 0 when nothing succeeded. */
	private static double millis(long[] sorted, double fraction) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(fraction * sorted.length);
		return round(sorted[Math.max(rank, 1) - 1] / 1e6);
	}

	static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	/**
	 * CPU used during the phase, in cores (1.0 = one core busy all the time);
	 * {@code null} where it could not be measured.
	 */
	public record Cpu(Double client, Double omnis, Double postgres) {

		/**
		 * The CPU each item cost, in microseconds, at {@code itemsPerSecond}: cores
		 * divided by the rate (one core busy for a second is 1,000,000 µs).
		 */
		public Cpu perItemMicros(double itemsPerSecond) {
			return new Cpu(micros(client, itemsPerSecond), micros(omnis, itemsPerSecond),
					micros(postgres, itemsPerSecond));
		}

		private static Double micros(Double cores, double itemsPerSecond) {
			return cores == null || itemsPerSecond <= 0 ? null : round(cores / itemsPerSecond * 1e6);
		}

	}

}
