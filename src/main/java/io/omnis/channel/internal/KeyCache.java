package io.omnis.channel.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.omnis.channel.ChannelKey;

/**
 * The usable keys recently found by the hash of their secret, kept for a few seconds so
 * that a busy integration does not cost a database round trip per request.
 * <p>
 * Only keys found usable are kept (an unknown key is looked up every time, so a key just
 * issued on another node works at once), never longer than the key itself is valid, and
 * at most {@code omnis.api.key-cache-size} of them. A revocation, rotation or disabled
 * channel empties this node's cache when its transaction commits; on the other nodes it
 * takes effect within {@code omnis.api.key-cache-ttl}. A TTL of zero turns caching off.
 */
@Component
public class KeyCache {

	private final Duration ttl;

	private final int maxSize;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	KeyCache(@Value("${omnis.api.key-cache-ttl:5s}") Duration ttl,
			@Value("${omnis.api.key-cache-size:10000}") int maxSize) {
		this.ttl = ttl;
		this.maxSize = maxSize;
	}

	/** The key with this hash, from the cache while fresh, else from {@code lookup}. */
	public Optional<ChannelKey> get(byte[] hash, Supplier<Optional<ChannelKey>> lookup) {
		if (ttl.isZero() || ttl.isNegative()) {
			return lookup.get();
		}
		String id = HexFormat.of().formatHex(hash);
		Instant now = Instant.now();
		Entry entry = entries.get(id);
		if (entry != null && entry.until.isAfter(now)) {
			return Optional.of(entry.key);
		}
		Optional<ChannelKey> found = lookup.get();
		if (found.isEmpty()) {
			entries.remove(id);
			return found;
		}
		Instant until = now.plus(ttl);
		@Nullable Instant expires = found.get().expiresAt();
		if (expires != null && expires.isBefore(until)) {
			until = expires;
		}
		if (entries.size() >= maxSize) {
			entries.values().removeIf(e -> !e.until.isAfter(now));
		}
		if (entries.size() < maxSize) {
			entries.put(id, new Entry(found.get(), until));
		}
		return found;
	}

	/**
	 * Forgets every key once the caller's transaction commits (at once without one): a
	 * read between the change and its commit would otherwise put the old state back.
	 */
	public void forgetAll() {
		entries.clear();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					entries.clear();
				}
			});
		}
	}

	private record Entry(ChannelKey key, Instant until) {
	}

}
