package io.omnis.tracking.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.omnis.tracking.TrackingProperties;

/**
 * Watches how far identity resolution lags behind collection (the age of the oldest event
 * still waiting), so that collection pushes back with 429 and {@code Retry-After} instead
 * of accepting more than can be resolved in time: clients retry, and the backlog stops
 * growing once its oldest event is older than the limit (up to the 500 ms between two
 * readings of the age later). What was accepted before that is still resolved at the pace
 * the machine allows.
 */
@Component
public class Backlog {

	private final ResolutionQueue queue;

	private final java.time.Duration limit;

	private final AtomicBoolean overloaded = new AtomicBoolean();

	private final AtomicBoolean asked = new AtomicBoolean();

	Backlog(ResolutionQueue queue, TrackingProperties limits) {
		this.queue = queue;
		this.limit = limits.maxResolutionLag();
	}

	/** Whether collection must push back; also marks this node as collecting. */
	public boolean isOverloaded() {
		asked.set(true);
		return overloaded.get();
	}

	@Scheduled(fixedDelay = 500)
	void measure() {
		if (asked.getAndSet(false) || overloaded.get()) {
			overloaded.set(queue.oldestUnresolvedAge().compareTo(limit) > 0);
		}
	}

}
