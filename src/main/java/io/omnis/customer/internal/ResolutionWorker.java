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
 * as soon as one is done, and looks again every few milliseconds when there was nothing
 * to do. While a backlog lasts (a batch came back full) the batches grow, up to four
 * times the configured size, as each statement of a batch then serves more events; they
 * shrink back as soon as resolution has caught up.
 */
@Component
class ResolutionWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ResolutionWorker.class);

	private final IdentityResolver resolver;

	private final int batchSize;

	private final Duration idle;

	private final boolean enabled;

	private final int workers;

	private volatile boolean running;

	private final List<Thread> threads = new ArrayList<>();

	ResolutionWorker(IdentityResolver resolver, @Value("${omnis.identity.batch-size:2000}") int batchSize,
			@Value("${omnis.identity.idle-poll:20ms}") Duration idle,
			@Value("${omnis.identity.resolver-enabled:true}") boolean enabled,
			@Value("${omnis.identity.workers:4}") int workers) {
		if (workers < 1 || workers > CollectedEvents.BUCKETS) {
			throw new IllegalArgumentException(
					"omnis.identity.workers must be between 1 and " + CollectedEvents.BUCKETS + ", not " + workers);
		}
		this.resolver = resolver;
		this.batchSize = batchSize;
		this.idle = idle;
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
		while (running) {
			try {
				int resolved = resolver.resolveBatch(shard, workers, size);
				size = resolved == size ? Math.min(size * 2, batchSize * 4) : batchSize;
				if (resolved == 0) {
					Thread.sleep(idle);
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
