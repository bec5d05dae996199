package io.omnis.conversation.chat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The rate limits of the public chat endpoints: one token bucket per visitor and one per
 * client address, in each node's memory (see {@link TokenBuckets}). Kept in memory rather
 * than in PostgreSQL because their purpose is to shed a flood before it costs anything: a
 * limiter in the database would itself write a row per refused call. The price is that
 * with several nodes behind a balancer a client gets up to that many times the limit.
 * <p>
 * IPv6 clients are counted per /64, the block one subscriber usually holds.
 */
@Component
class ChatLimits {

	private final TokenBuckets visitors;

	private final TokenBuckets addresses;

	private final List<AddressBlock> trusted;

	@org.springframework.beans.factory.annotation.Autowired
	ChatLimits(ChatLimitProperties properties) {
		this(properties, System::nanoTime);
	}

	ChatLimits(ChatLimitProperties properties, java.util.function.LongSupplier nanos) {
		this.visitors = new TokenBuckets(properties.visitorBurst(), properties.visitorRefill().toNanos(),
				properties.maxTracked(), nanos);
		this.addresses = new TokenBuckets(properties.addressBurst(), properties.addressRefill().toNanos(),
				properties.maxTracked(), nanos);
		this.trusted = properties.trustedProxies().stream().map(AddressBlock::of).toList();
	}

	/** Thrown when a call is over its limit; answered 429 with {@code Retry-After}. */
	static final class Limited extends RuntimeException {

		private final Duration retryAfter;

		Limited(String what, Duration retryAfter) {
			super("Too many chat requests from this " + what + "; try again in " + seconds(retryAfter) + " s");
			this.retryAfter = retryAfter;
		}

		long retryAfterSeconds() {
			return seconds(retryAfter);
		}

		private static long seconds(Duration wait) {
			return Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
		}

	}

	/** Counts a call against the client's address. */
	void address(HttpServletRequest request) {
		String client = client(request);
		if (client != null) {
			check(addresses, client, "address");
		}
	}

	/** Counts a call against the visitor (the write key and her anonymous id). */
	void visitor(String writeKey, String anonymousId) {
		check(visitors, cut(writeKey, 200) + '\n' + cut(anonymousId, 255), "visitor");
	}

	private static void check(TokenBuckets buckets, String key, String what) {
		long wait = buckets.take(key);
		if (wait > 0) {
			throw new Limited(what, Duration.ofNanos(wait));
		}
	}

	/**
	 * The client's address: the peer, or behind a trusted proxy the last address of
	 * {@code X-Forwarded-For} that is not a trusted proxy itself (the ones before it are
	 * whatever the client chose to send). Null when a trusted proxy names no client.
	 */
	@Nullable String client(HttpServletRequest request) {
		InetAddress peer = AddressBlock.literal(request.getRemoteAddr());
		if (peer == null || !trusted(peer)) {
			return key(peer, request.getRemoteAddr());
		}
		String forwarded = request.getHeader("X-Forwarded-For");
		if (forwarded == null || forwarded.isBlank()) {
			return null;
		}
		String[] hops = cut(forwarded, 2000).split(",");
		for (int i = hops.length - 1; i >= 0; i--) {
			InetAddress hop = AddressBlock.literal(hops[i]);
			if (hop == null || !trusted(hop)) {
				return key(hop, hops[i].strip());
			}
		}
		return null;
	}

	private boolean trusted(InetAddress address) {
		return trusted.stream().anyMatch(block -> block.contains(address));
	}

	private static String key(@Nullable InetAddress address, String text) {
		if (address == null) {
			return "?" + cut(text, 64);
		}
		byte[] bytes = address.getAddress();
		if (bytes.length == 16) {
			return "v6:" + java.util.HexFormat.of().formatHex(bytes, 0, 8);
		}
		return address.getHostAddress();
	}

	private static String cut(String value, int max) {
		return value.length() <= max ? value : value.substring(0, max);
	}

}
