package io.omnis.customer.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps identity resolution running on every node: takes the next batch as soon as one is
 * done, and looks again every few milliseconds when there was nothing to do. While a
 * backlog lasts (a batch came back full) the batches grow, up to four times the
 * configured size, as each statement of a batch then serves more events; they shrink back
 * as soon as resolution has caught up.
 */
@Component
class ResolutionWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ResolutionWorker.class);

	private final IdentityResolver resolver;

	private final int batchSize;

	private final Duration idle;

	private final boolean enabled;

	private volatile boolean running;

	private Thread thread;

	ResolutionWorker(IdentityResolver resolver, @Value("${omnis.identity.batch-size:2000}") int batchSize,
			@Value("${omnis.identity.idle-poll:20ms}") Duration idle,
			@Value("${omnis.identity.resolver-enabled:true}") boolean enabled) {
		this.resolver = resolver;
		this.batchSize = batchSize;
		this.idle = idle;
		this.enabled = enabled;
	}

	@Override
	public void start() {
		if (!enabled) {
			return;
		}
		running = true;
		thread = Thread.ofVirtual().name("identity-resolver").start(this::loop);
	}

	@Override
	public void stop() {
		running = false;
		if (thread != null) {
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
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void loop() {
		int size = batchSize;
		while (running) {
			try {
				int resolved = resolver.resolveBatch(size);
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
					resolver.setAsideNext();
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
