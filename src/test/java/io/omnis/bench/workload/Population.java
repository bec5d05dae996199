package io.omnis.bench.workload;

import java.util.SplittableRandom;

import io.omnis.bench.Api;
import io.omnis.bench.Bench;

/**
 * The seeded customers the tracking workloads talk about, and the messages they send,
 * built as text (the load generator must not be the bottleneck).
 */
final class Population {

	private static final String[] EVENTS = { "Product Viewed", "Product Added", "Cart Viewed", "Checkout Started",
			"Order Completed", "Product List Viewed" };

	private Population() {
	}

	/** A new WEB channel's public write key. */
	static String writeKey(Bench bench, String name) throws Exception {
		return source(bench, name).writeKey();
	}

	/** A new web channel, with its write key. */
	static Source source(Bench bench, String name) throws Exception {
		var created = Api.json(bench.api().post("/api/v1/channels", """
				{"type":"WEB","name":"%s"}""".formatted(bench.named(name)), null));
		for (var issued : created.get("issuedKeys")) {
			if ("WRITE".equals(issued.get("key").get("kind").asString())) {
				return new Source(created.get("channel").get("id").asString(), issued.get("secret").asString());
			}
		}
		throw new IllegalStateException("no write key issued");
	}

	/** A channel collection accepts messages from, by its write key. */
	record Source(String channelId, String writeKey) {
	}

	/**
	 * One message of customer {@code user}: an identify with traits every tenth message,
	 * a track otherwise; a third of customers browse anonymously only.
	 */
	static void message(StringBuilder out, String messageId, long user, SplittableRandom random) {
		boolean known = user % 3 != 0;
		out.append("{\"messageId\":\"").append(messageId).append("\",\"anonymousId\":\"anon-").append(user).append('"');
		if (known) {
			out.append(",\"userId\":\"user-").append(user).append('"');
		}
		if (known && random.nextInt(10) == 0) {
			out.append(",\"type\":\"identify\",\"traits\":{\"email\":\"user-")
				.append(user)
				.append("@bench.example\",\"firstName\":\"Customer\",\"lastName\":\"")
				.append(user)
				.append("\",\"plan\":\"")
				.append(random.nextBoolean() ? "gold" : "silver")
				.append("\"}");
		}
		else {
			out.append(",\"type\":\"track\",\"event\":\"")
				.append(EVENTS[random.nextInt(EVENTS.length)])
				.append("\",\"properties\":{\"sku\":\"SKU-")
				.append(random.nextInt(100_000))
				.append("\",\"price\":")
				.append(random.nextInt(10_000) / 100.0)
				.append(",\"currency\":\"EUR\"}");
		}
		out.append(",\"context\":{\"ip\":\"203.0.113.")
			.append(user % 250)
			.append("\",\"library\":{\"name\":\"bench\"}}")
			.append(",\"timestamp\":\"2026-11-22T10:00:00Z\"}");
	}

	/** A whole {@code /v1/batch} body of {@code size} messages. */
	static String batch(String prefix, long n, int size, long population) {
		SplittableRandom random = new SplittableRandom(Bench.SEED ^ n);
		StringBuilder out = new StringBuilder(size * 330).append("{\"batch\":[");
		for (int i = 0; i < size; i++) {
			if (i > 0) {
				out.append(',');
			}
			message(out, prefix + n + "-" + i, random.nextLong(population), random);
		}
		return out.append("],\"sentAt\":\"2026-11-22T10:00:00Z\"}").toString();
	}

}
