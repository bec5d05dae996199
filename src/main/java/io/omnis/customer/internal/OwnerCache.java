package io.omnis.customer.internal;

import java.util.Collection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What this node learnt of the identity graph: which profile each recently seen
 * identifier ("type:value") belonged to, with that profile's graph version (ADR 0034). It
 * is a hint, never the truth: early resolution checks it under the profile's row lock
 * before it links a message. Bounded by
 * {@code omnis.identity.early-resolution.cache-size} entries (by default a million, about
 * 150 MB, or one per 2 KB of a smaller heap), the least useful evicted first.
 */
@Component
class OwnerCache {

	/** A profile and the graph version it had when an identifier was seen on it. */
	record Owner(String profileId, int version) {
	}

	private final Cache<String, Owner> owners;

	OwnerCache(@Value("${omnis.identity.early-resolution.cache-size:-1}") long size) {
		if (size < -1) {
			throw new IllegalArgumentException(
					"omnis.identity.early-resolution.cache-size must not be negative, not " + size);
		}
		this.owners = Caffeine.newBuilder()
			.maximumSize(size == -1 ? defaultSize(Runtime.getRuntime().maxMemory()) : size)
			.build();
	}

	/**
	 * A million entries, or fewer on a small heap: an entry takes about 150 bytes, so one
	 * per 2 KB of heap keeps the cache near 7 % of it.
	 */
	static long defaultSize(long maxHeap) {
		return Math.max(10_000, Math.min(1_000_000, maxHeap / 2048));
	}

	@Nullable Owner owner(String identifier) {
		return owners.getIfPresent(identifier);
	}

	/** Learns that these identifiers belong to a profile, as of its graph version. */
	void learn(Collection<String> identifiers, String profileId, int version) {
		Owner owner = new Owner(profileId, version);
		identifiers.forEach(identifier -> owners.put(identifier, owner));
	}

	/** Forgets these identifiers: what was known of them no longer holds. */
	void forget(Collection<String> identifiers) {
		owners.invalidateAll(identifiers);
	}

}
