package io.omnis.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything the suite started, stopped in reverse order exactly once: at the end of the
 * run, on a failure, or from the shutdown hook when the run is interrupted.
 */
final class Cleanup implements AutoCloseable {

	private final Deque<AutoCloseable> started = new ArrayDeque<>();

	synchronized <T extends AutoCloseable> T push(T resource) {
		started.push(resource);
		return resource;
	}

	@Override
	public synchronized void close() {
		while (!started.isEmpty()) {
			try {
				started.pop().close();
			}
			catch (Exception ex) {
				System.err.println("bench: could not stop " + ex);
			}
		}
	}

}
