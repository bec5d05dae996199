package io.omnis.kernel;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock every module reads time from, so that tests can move it.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	/**
	 * PostgreSQL keeps times to the microsecond; the system clock reads finer. A finer
	 * time is rounded where it goes to the database as one value, and may be cut where it
	 * goes in an array, so one instant could be stored as two (a collected event's
	 * occurredAt and receivedAt a microsecond apart). Times read from this clock are
	 * whole microseconds: what a module holds in memory is what it stores.
	 */
	static final Duration TICK = Duration.ofNanos(1_000);

	@Bean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), TICK);
	}

}
