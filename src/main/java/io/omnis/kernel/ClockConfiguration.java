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
	 * PostgreSQL keeps times to the microsecond; the system clock reads nanoseconds. An
	 * instant ending in exactly half a microsecond, sent once as a parameter and once
	 * inside an array parameter, was stored as two times a microsecond apart (a collected
	 * event's receivedAt and occurredAt). Times read from this clock are whole
	 * microseconds, so what a module holds in memory is what it stores.
	 */
	static final Duration TICK = Duration.ofNanos(1_000);

	@Bean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), TICK);
	}

}
