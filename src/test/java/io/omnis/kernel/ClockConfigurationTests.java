package io.omnis.kernel;

import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Omnis's clock reads whole microseconds, the finest time PostgreSQL stores, so that a
 * time is stored as it was read whichever way it reaches the database.
 */
class ClockConfigurationTests {

	@Test
	void everyInstantIsAWholeMicrosecond() {
		Clock clock = new ClockConfiguration().clock();

		for (int i = 0; i < 10_000; i++) {
			Instant now = clock.instant();
			assertThat(now.getNano() % 1_000).as(now.toString()).isZero();
		}
	}

	@Test
	void itStillMovesWithTheSystemClock() throws InterruptedException {
		Clock clock = new ClockConfiguration().clock();
		Instant before = clock.instant();

		Thread.sleep(5);

		assertThat(clock.instant()).isAfter(before);
		assertThat(java.time.Duration.between(clock.instant(), Instant.now()).abs())
			.isLessThan(java.time.Duration.ofSeconds(1));
	}

}
