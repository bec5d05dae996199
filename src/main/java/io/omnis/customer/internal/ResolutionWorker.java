package io.omnis.customer.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.omnis.tracking.CollectedEvents;

/**
 * Keeps identity resolution running on every node, in {@code omnis.identity.workers}
 * shards (the same number on every node): each worker takes the next batch of its shard
 * as soon as one is done. When there was nothing to do it waits: it wakes at once when
 * this node collects events, and otherwise looks again after {@code idle-poll} (20 ms),
 * doubling the wait each time it finds nothing, up to {@code idle-poll-max} (500 ms), the
 * longest an event collected by another node of an idle cluster waits. An idle node's
 * claims then cost PostgreSQL a few statements a second instead of fifty per worker.
 * While a backlog lasts (a batch came back full) the batches grow, up to four times the
 * configured size, as each statement of a batch then serves more events; they shrink back
 * as soon as resolution has caught up.
 */
@Component
class ResolutionWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ResolutionWorker.class);

	private final IdentityResolver resolver;

	private final CollectedEvents collected;

	private final int batchSize;

	private final Duration idle;

	private final Duration idleMax;

	private final boolean enabled;

	private final int workers;

	private volatile boolean running;

	private final List<Thread> threads = new ArrayList<>();

	ResolutionWorker(IdentityResolver resolver, CollectedEvents collected,
			@Value("${omnis.identity.batch-size:2000}") int batchSize,
			@Value("${omnis.identity.idle-poll:20ms}") Duration idle,
			@Value("${omnis.identity.idle-poll-max:500ms}") Duration idleMax,
			@Value("${omnis.identity.resolver-enabled:true}") boolean enabled,
			@Value("${omnis.identity.workers:4}") int workers) {
		if (workers < 1 || workers > CollectedEvents.BUCKETS) {
			throw new IllegalArgumentException(
					"omnis.identity.workers must be between 1 and " + CollectedEvents.BUCKETS + ", not " + workers);
		}
		if (idleMax.compareTo(idle) < 0) {
			throw new IllegalArgumentException("omnis.identity.idle-poll-max (" + idleMax
					+ ") must not be shorter than omnis.identity.idle-poll (" + idle + ")");
		}
		this.resolver = resolver;
		this.collected = collected;
		this.batchSize = batchSize;
		this.idle = idle;
		this.idleMax = idleMax;
		this.enabled = enabled;
		this.workers = workers;
	}

	@Override
	public void start() {
		if (!enabled) {
			return;
		}
		running = true;
		for (int shard = 0; shard < workers; shard++) {
			int mine = shard;
			threads.add(Thread.ofVirtual().name("identity-resolver-" + shard).start(() -> loop(mine)));
		}
	}

	@Override
	public void stop() {
		running = false;
		for (Thread thread : threads) {
			try {
				// Let the batch in hand commit; interrupting it mid-commit would only
				// roll it back
				if (!thread.join(Duration.ofSeconds(10))) {
					thread.interrupt();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		threads.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void loop(int shard) {
		int size = batchSize;
		Duration wait = idle;
		while (running) {
			try {
				// Read before the claim, so that events committed after its snapshot
				// count as new
				long seen = collected.queuedSoFar();
				int resolved = resolver.resolveBatch(shard, workers, size);
				size = resolved == size ? Math.min(size * 2, batchSize * 4) : batchSize;
				if (resolved == 0) {
					collected.awaitQueued(seen, wait);
					wait = longer(wait);
				}
				else {
					wait = idle;
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				if (!running) {
					return;
				}
				if (size > 1) {
					// Retry in single steps so that one bad event cannot hold the others
					// back
					log.warn("Identity resolution of a batch failed; retrying one event at a time", ex);
					size = 1;
				}
				else {
					log.error("Identity resolution of an event failed; it is set aside", ex);
					resolver.setAsideNext(shard, workers);
				}
				sleepQuietly();
			}
		}
	}

	private Duration longer(Duration wait) {
		Duration doubled = wait.multipliedBy(2);
		return doubled.compareTo(idleMax) > 0 ? idleMax : doubled;
	}

	private void sleepQuietly() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

}
