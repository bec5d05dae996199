package io.omnis.conversation.chat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The rate limits of the public chat endpoints: one token bucket per visitor and one per
 * client address, shared by every node in PostgreSQL ({@link SharedBuckets}), so two
 * nodes behind a balancer do not give a client twice the limit. Each node also counts in
 * memory what it accepted ({@link TokenBuckets}) and refuses from that alone when it can:
 * a flood is shed before it reaches the database (ADR 0017).
 * <p>
 * IPv6 clients are counted per /64, the block one subscriber usually holds.
 */
@Component
class ChatLimits {

	private final TokenBuckets visitors;

	private final TokenBuckets addresses;

	private final List<AddressBlock> trusted;

	private final @Nullable SharedBuckets shared;

	private final ChatLimitProperties properties;

	@org.springframework.beans.factory.annotation.Autowired
	ChatLimits(ChatLimitProperties properties, SharedBuckets shared) {
		this(properties, System::nanoTime, properties.shared() ? shared : null);
	}

	ChatLimits(ChatLimitProperties properties, java.util.function.LongSupplier nanos) {
		this(properties, nanos, null);
	}

	private ChatLimits(ChatLimitProperties properties, java.util.function.LongSupplier nanos,
			@Nullable SharedBuckets shared) {
		this.shared = shared;
		this.properties = properties;
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
			check(addresses, "a\n" + client, client, properties.addressBurst(), properties.addressRefill(), "address");
		}
	}

	/** Counts a call against the visitor (the write key and her anonymous id). */
	void visitor(String writeKey, String anonymousId) {
		String key = cut(writeKey, 200) + '\n' + cut(anonymousId, 255);
		check(visitors, "v\n" + key, key, properties.visitorBurst(), properties.visitorRefill(), "visitor");
	}

	/**
	 * With shared limits, this node's own count (of the calls the shared count accepted
	 * here) refuses first: it is never above the shared one, so what it refuses the
	 * shared count would refuse too, and a flood is shed without a database call.
	 */
	private void check(TokenBuckets local, String sharedKey, String key, int burst, Duration refill, String what) {
		if (shared == null) {
			long wait = local.take(key);
			if (wait > 0) {
				throw new Limited(what, Duration.ofNanos(wait));
			}
			return;
		}
		long early = local.wait(key);
		if (early > 0) {
			throw new Limited(what, Duration.ofNanos(early));
		}
		Duration wait = shared.take(sharedKey, burst, refill);
		if (!wait.isZero()) {
			throw new Limited(what, wait);
		}
		local.take(key);
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
