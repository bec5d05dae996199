package io.omnis.conversation.chat;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory token buckets of the chat limits, on a clock the test moves: bursts,
 * refills, and a bound on memory that a flood of new keys cannot break nor use to reset a
 * busy key.
 */
class TokenBucketsTests {

	static final long SECOND = 1_000_000_000L;

	final AtomicLong now = new AtomicLong(5 * SECOND);

	@Test
	void aKeyHasItsBurstThenOneCallPerRefill() {
		TokenBuckets buckets = new TokenBuckets(3, 2 * SECOND, 100, now::get);
		assertThat(buckets.take("a")).isZero();
		assertThat(buckets.take("a")).isZero();
		assertThat(buckets.take("a")).isZero();
		assertThat(buckets.take("a")).isEqualTo(2 * SECOND);
		assertThat(buckets.take("b")).as("another key").isZero();
		now.addAndGet(SECOND);
		assertThat(buckets.take("a")).isEqualTo(SECOND);
		now.addAndGet(SECOND);
		assertThat(buckets.take("a")).isZero();
		assertThat(buckets.take("a")).isEqualTo(2 * SECOND);
		now.addAndGet(60 * SECOND);
		for (int i = 0; i < 3; i++) {
			assertThat(buckets.take("a")).as("refilled to the burst, no more").isZero();
		}
		assertThat(buckets.take("a")).isPositive();
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 7, 42 })
	void aFloodOfNewKeysNeverGrowsTheMapNorFreesABusyKey(long seed) {
		Random random = new Random(seed);
		TokenBuckets buckets = new TokenBuckets(2, SECOND, 50, now::get);
		buckets.take("busy");
		buckets.take("busy");
		assertThat(buckets.take("busy")).isPositive();
		int refused = 0;
		for (int i = 0; i < 10_000; i++) {
			now.addAndGet(random.nextInt(1000));
			if (buckets.take("flood-" + random.nextLong()) > 0) {
				refused++;
			}
			assertThat(buckets.size()).isLessThanOrEqualTo(50);
		}
		assertThat(refused).isGreaterThan(9000);
		assertThat(buckets.take("busy")).as("still counted").isPositive();

		// Once the flood's buckets have filled up again they make room
		now.addAndGet(3 * SECOND);
		assertThat(buckets.take("newcomer")).isZero();
	}

}
