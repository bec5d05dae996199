package io.omnis.conversation.chat;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Token buckets in this node's memory, one per key, never more than {@code maxKeys} of
 * them: a bucket that has filled up again is the same as no bucket and is dropped when
 * room is needed. When every tracked key is still busy (a flood of new keys), a new key
 * is refused rather than tracked, so the limiter can be neither grown without bound nor
 * emptied by an attacker to reset the limits of the keys it holds.
 */
final class TokenBuckets {

	/**
	 * How often a full map is swept at most, so that a flood cannot make every call
	 * sweep.
	 */
	private static final long SWEEP_EVERY = 1_000_000_000L;

	private final int capacity;

	private final long refillNanos;

	private final int maxKeys;

	private final LongSupplier nanos;

	private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final AtomicLong lastSweep;

	/**
	 * @param capacity the burst a key may send at once
	 * @param refillNanos the time in which one token comes back
	 */
	TokenBuckets(int capacity, long refillNanos, int maxKeys, LongSupplier nanos) {
		if (capacity < 1 || refillNanos < 1 || maxKeys < 1) {
			throw new IllegalArgumentException("capacity, refill time and key limit must be positive");
		}
		this.capacity = capacity;
		this.refillNanos = refillNanos;
		this.maxKeys = maxKeys;
		this.nanos = nanos;
		this.lastSweep = new AtomicLong(nanos.getAsLong() - SWEEP_EVERY);
	}

	private record Bucket(double tokens, long at) {
	}

	/**
	 * Takes a token for the key.
	 * @return 0 when one was taken, otherwise the nanoseconds until one is there
	 */
	long take(String key) {
		long now = nanos.getAsLong();
		if (!buckets.containsKey(key) && buckets.size() >= maxKeys && !roomMade(now)) {
			return refillNanos;
		}
		long[] wait = new long[1];
		buckets.compute(key, (k, bucket) -> {
			double tokens = bucket == null ? capacity : level(bucket, now);
			if (tokens >= 1) {
				return new Bucket(tokens - 1, now);
			}
			wait[0] = (long) Math.ceil((1 - tokens) * refillNanos);
			return new Bucket(tokens, now);
		});
		return wait[0];
	}

	/**
	 * The nanoseconds until the key has a token, taking none: 0 when it has one (or has
	 * no bucket yet).
	 */
	long wait(String key) {
		Bucket bucket = buckets.get(key);
		if (bucket == null) {
			return 0;
		}
		double tokens = level(bucket, nanos.getAsLong());
		return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * refillNanos);
	}

	int size() {
		return buckets.size();
	}

	private double level(Bucket bucket, long now) {
		return Math.min(capacity, bucket.tokens() + (double) (now - bucket.at()) / refillNanos);
	}

	/** Drops the buckets that are full again; at most once a second. */
	private boolean roomMade(long now) {
		long last = lastSweep.get();
		if (now - last >= SWEEP_EVERY && lastSweep.compareAndSet(last, now)) {
			buckets.entrySet().removeIf(entry -> level(entry.getValue(), now) >= capacity);
		}
		return buckets.size() < maxKeys;
	}

}
