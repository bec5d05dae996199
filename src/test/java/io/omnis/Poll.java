package io.omnis;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waits for something that happens in the background (identity resolution, a restart) by
 * looking again every few milliseconds until it holds or the time is up.
 */
public final class Poll {

	private static final Duration INTERVAL = Duration.ofMillis(50);

	private Poll() {
	}

	/**
	 * The first value of {@code probe} that {@code done} accepts; a probe that throws
	 * counts as not done yet.
	 */
	public static <T> T until(Duration timeout, Callable<T> probe, Predicate<? super T> done) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Object last = null;
		while (true) {
			try {
				T value = probe.call();
				if (done.test(value)) {
					return value;
				}
				last = value;
			}
			catch (Exception | AssertionError ex) {
				last = ex;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not done within " + timeout + "; last seen: " + last);
			}
			sleep();
		}
	}

	/** Runs the assertions until they pass, failing with the last failure. */
	public static void untilAsserted(Duration timeout, Assertions assertions) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try {
				assertions.check();
				return;
			}
			catch (Exception | AssertionError ex) {
				if (System.nanoTime() > deadline) {
					throw ex instanceof AssertionError error ? error : new AssertionError(ex);
				}
			}
			sleep();
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(INTERVAL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting", ex);
		}
	}

	/** Assertions that may throw. */
	@FunctionalInterface
	public interface Assertions {

		void check() throws Exception;

	}

}
