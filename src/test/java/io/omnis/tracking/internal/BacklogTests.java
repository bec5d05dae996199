package io.omnis.tracking.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import io.omnis.tracking.TrackingProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backlog's age is read from the database only while the node's collection is asked
 * or while it pushes back: an idle node, or one serving other requests, does not query
 * the queue twice a second.
 */
class BacklogTests {

	private final AtomicInteger reads = new AtomicInteger();

	private final AtomicReference<Duration> age = new AtomicReference<>(Duration.ZERO);

	private final Backlog backlog = new Backlog(new ResolutionQueue(null, null) {

		@Override
		Duration oldestUnresolvedAge() {
			reads.incrementAndGet();
			return age.get();
		}

	}, new TrackingProperties(DataSize.ofKilobytes(32), DataSize.ofKilobytes(500), 2500, 300, 32, Duration.ofSeconds(5),
			TrackingProperties.ConsentDenied.DROP));

	@Test
	void aNodeNobodyCollectsFromDoesNotReadTheQueue() {
		for (int tick = 0; tick < 10; tick++) {
			backlog.measure();
		}
		assertThat(reads).hasValue(0);
	}

	@Test
	void collectionIsMeasuredOncePerIntervalInWhichItWasAsked() {
		backlog.isOverloaded();
		backlog.isOverloaded();
		backlog.measure();
		backlog.measure();
		assertThat(reads).as("two requests in one interval, none in the next").hasValue(1);
		backlog.isOverloaded();
		backlog.measure();
		assertThat(reads).hasValue(2);
	}

	@Test
	void pushingBackGoesOnBeingMeasuredUntilResolutionCatchesUpEvenWithoutRequests() {
		age.set(Duration.ofSeconds(6));
		assertThat(backlog.isOverloaded()).isFalse();
		backlog.measure();
		assertThat(backlog.isOverloaded()).isTrue();
		backlog.measure();
		backlog.measure();
		assertThat(reads).as("measured while overloaded, asked or not").hasValue(3);
		age.set(Duration.ofSeconds(1));
		backlog.measure();
		assertThat(backlog.isOverloaded()).isFalse();
		backlog.measure();
		backlog.measure();
		assertThat(reads).as("the last request asked once more, then quiet").hasValue(5);
	}

}
