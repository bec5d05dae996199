package io.omnis.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * How long and how big a run is. Every phase is bounded twice, by a number of operations
 * and by wall time, whichever comes first.
 *
 * @param warmUp how long each workload runs before it is measured
 * @param measure how long each workload is measured at most
 * @param maxOps the most operations measured per workload (and per baseline)
 * @param baseline how long each baseline primitive is measured at most
 * @param scale how many entities a workload seeds (channels, profiles, SKUs, ...)
 */
public record Mode(String name, Duration warmUp, Duration measure, int maxOps, Duration baseline, int scale) {

	/** The CI check of the harness: a few seconds per workload, tiny data. */
	public static final Mode SMOKE = new Mode("smoke", Duration.ofMillis(500), Duration.ofSeconds(2), 20_000,
			Duration.ofSeconds(1), 50);

	/** For a change: the whole suite, build and start included, in under 3 minutes. */
	public static final Mode QUICK = new Mode("quick", Duration.ofSeconds(1), Duration.ofSeconds(4), 200_000,
			Duration.ofSeconds(1), 1_000);

	/**
	 * For a closing note or the README: longer runs on more data, in under 20 minutes
	 * with margin: 16 workloads × 46 s, set-ups (about 2 minutes) and the build make
	 * about 15.
	 */
	public static final Mode FULL = new Mode("full", Duration.ofSeconds(6), Duration.ofSeconds(30), 2_000_000,
			Duration.ofSeconds(10), 10_000);

	/** The same mode with another warm-up ({@code --warm-up seconds}). */
	public Mode withWarmUp(Duration warmUp) {
		return new Mode(name, warmUp, measure, maxOps, baseline, scale);
	}

	public static Mode of(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "smoke" -> SMOKE;
			case "quick" -> QUICK;
			case "full" -> FULL;
			default -> throw new IllegalArgumentException("Unknown mode '" + name + "': use quick, full or replay");
		};
	}

}
