package io.omnis.tracking.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts per source since they were last taken, added to by every request (a
 * {@code LongAdder} each, so that busy request threads do not contend on one value) and
 * taken by one flush every few seconds: {@code sumThenReset} swaps each cell with zero,
 * so a count added during a take is taken by this one or the next, never lost.
 */
final class SinceFlush {

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	void add(String source, long count) {
		if (count != 0) {
			counts.computeIfAbsent(source, id -> new LongAdder()).add(count);
		}
	}

	/** The sources counted for so far (some may have nothing to take). */
	Set<String> sources() {
		return counts.keySet();
	}

	/** What was counted for a source since the last take, and none from now on. */
	long take(String source) {
		LongAdder count = counts.get(source);
		return count == null ? 0 : count.sumThenReset();
	}

}
