package io.omnis.tracking.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.omnis.tracking.TrackingProperties;

/**
 * Watches how many collected events wait for identity resolution, so that collection
 * pushes back (429) instead of letting the lag grow without bound.
 */
@Component
public class Backlog {

	private final EventLog log;

	private final long limit;

	private final AtomicBoolean overloaded = new AtomicBoolean();

	Backlog(EventLog log, TrackingProperties limits) {
		this.log = log;
		this.limit = limits.maxBacklog();
	}

	public boolean isOverloaded() {
		return overloaded.get();
	}

	@Scheduled(fixedDelay = 2000)
	void measure() {
		overloaded.set(log.backlog() > limit);
	}

}
