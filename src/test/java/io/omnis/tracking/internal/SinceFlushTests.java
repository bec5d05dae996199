package io.omnis.tracking.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every count added while flushes take them is taken exactly once: four threads add a
 * million counts each over two sources while another takes as fast as it can.
 */
class SinceFlushTests {

	@Test
	void countsAddedDuringTakesAreTakenExactlyOnce() throws InterruptedException {
		SinceFlush counts = new SinceFlush();
		AtomicBoolean adding = new AtomicBoolean(true);
		AtomicLong taken = new AtomicLong();
		Thread flusher = Thread.ofPlatform().start(() -> {
			while (adding.get()) {
				taken.addAndGet(counts.take("web") + counts.take("app"));
			}
		});
		List<Thread> senders = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			String source = t % 2 == 0 ? "web" : "app";
			senders.add(Thread.ofPlatform().start(() -> {
				for (int i = 0; i < 1_000_000; i++) {
					counts.add(source, 1);
				}
			}));
		}
		for (Thread sender : senders) {
			sender.join();
		}
		adding.set(false);
		flusher.join();
		taken.addAndGet(counts.take("web") + counts.take("app"));

		assertThat(taken.get()).isEqualTo(4_000_000);
		assertThat(counts.sources()).containsExactlyInAnyOrder("web", "app");
		assertThat(counts.take("web")).isZero();
		assertThat(counts.take("other")).isZero();
	}

}
