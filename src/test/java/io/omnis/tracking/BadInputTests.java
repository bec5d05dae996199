package io.omnis.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import io.omnis.CollectingOmnis;
import io.omnis.Http;
import io.omnis.Poll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated bad input from seeded randoms (a failing seed is replayed by its number):
 * invalid UTF-8, deep nesting, too many traits, huge strings, wrong types, nulls, NUL
 * characters and lone surrogates, garbage. Omnis answers each within the spec (200, or
 * 400 for a body that is not JSON or too large), never fails, never hangs, and the
 * profiles stay sound.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTests extends CollectingOmnis {

	private static final List<String> ROUTES = List.of("/v1/batch", "/v1/import", "/v1/import/", "/v1/b",
			"/v1/identify", "/v1/track", "/v1/page", "/v1/screen", "/v1/group", "/v1/alias", "/v1/t", "/v1/i");

	private static final List<String> NASTY = List.of("", " ", "\u0000", "a\u0000b", "\ud800", "\udc00x", "x\ud83d",
			"\u001f", "u\u001fv", "null", "undefined", "0", "-1", "\u202eevil", "😀", "İ", "ß", "\n\r\t", "\\", "\"",
			"'; drop table profile; --", "${jndi:ldap://x}", "{{7*7}}", "%00", "\uFEFF");

	private Source source;

	static Stream<Long> seeds() {
		return IntStream.range(0, 60).mapToObj(i -> 20261122L + i);
	}

	@BeforeAll
	void createSource() {
		source = source("Fuzzed source");
	}

	@ParameterizedTest
	@MethodSource("seeds")
	void badInputIsAnsweredWithinTheSpecAndNeverBreaksTheServer(long seed) {
		Random random = new Random(seed);
		Case input = generate(random);
		String route = input.batch() ? pick(random, ROUTES.subList(0, 4)) : pick(random, ROUTES.subList(4, 12));
		String contentType = random.nextBoolean() ? "application/json" : "text/plain";

		long started = System.nanoTime();
		Http.Reply reply = Http.send("POST", uri(route), input.body(), "Content-Type", contentType, "Authorization",
				source.basic());
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(reply.status()).as("seed %d (%s) on %s: %s", seed, input.kind(), route, reply)
			.isEqualTo(input.valid() ? 200 : 400);
		assertThat(took).as("seed %d took", seed).isLessThan(Duration.ofSeconds(10));
		if (input.valid()) {
			JsonNode answer = reply.json();
			assertThat(answer.get("accepted").intValue() + answer.get("dropped").intValue()).as("seed %d", seed)
				.isEqualTo(input.messages());
		}
		assertThat(Http.get(uri("/actuator/health")).status()).isEqualTo(200);
	}

	@AfterAll
	void profilesStaySound() {
		// Everything accepted is resolved, and a normal customer still resolves and reads
		// back as sent
		awaitResolved(source);
		String user = unique("after-fuzz");
		String device = unique("device");
		var identify = identify(user, device);
		identify.putObject("traits").put("email", user + "@example.com").put("name", "Ana Após");
		sendResolved(source, identify);
		JsonNode profile = profileHolding(source, "user_id:" + user);
		assertThat(identifiers(profile)).containsExactlyInAnyOrder("user_id:" + user, "anonymous_id:" + device,
				"email:" + user + "@example.com");
		assertThat(profile.at("/traits/name").stringValue()).isEqualTo("Ana Após");

		assertThat(jdbc.sql("""
				select count(*) from (select profile_id from identifier where type = 'user_id'
				                       group by profile_id having count(*) > 1) twice""").query(Long.class).single())
			.as("profiles with two user ids")
			.isZero();
		assertThat(jdbc.sql("""
				select count(*) from identifier i join profile p on p.id = i.profile_id
				 where p.merged_into is not null""").query(Long.class).single())
			.as("identifiers left on merged profiles")
			.isZero();
		assertThat(jdbc
			.sql("""
					select count(*) from tracked_event e join event_profile p on p.seq = e.seq cross join unnest(p.identifiers) i
					 where e.channel_id = :channel
					   and not exists (select 1 from identifier d where d.type || ':' || d.value = i)""")
			.param("channel", source.channelId())
			.query(Long.class)
			.single()).as("identifiers of events that are not in the identity graph").isZero();
		List<String> profiles = jdbc.sql("""
				select distinct p.profile_id from tracked_event e join event_profile p on p.seq = e.seq
				 where e.channel_id = :channel""").param("channel", source.channelId()).query(String.class).list();
		for (String id : profiles) {
			read(source, "/api/v1/profiles/" + id);
			read(source, "/api/v1/profiles/" + id + "/timeline?limit=100");
		}
	}

	/** One generated request body and what the spec says of it. */
	record Case(String kind, byte[] body, boolean batch, boolean valid, int messages) {
	}

	private static Case generate(Random random) {
		boolean batch = random.nextBoolean();
		int kind = random.nextInt(12);
		return switch (kind) {
			case 0 -> invalid("invalid UTF-8", batch, withBytes(envelope(random, batch, 1), random));
			case 1 -> invalid("nesting 1000 deep", batch, utf8(nested(1000, batch)));
			case 2 -> invalid("garbage", batch, garbage(random));
			case 3 -> invalid("truncated", batch, truncated(envelope(random, batch, 3), random));
			case 4 -> invalid("not an object", batch,
					utf8(pick(random, List.of("[]", "\"batch\"", "42", "null", "[{\"type\":\"track\"}]", "true", ""))));
			case 5 -> valid("300+ traits", batch, random, messages -> messages.forEach(m -> {
				Map<String, Object> traits = new LinkedHashMap<>();
				for (int i = 0; i < 300 + random.nextInt(50); i++) {
					traits.put(string(random, 8) + i, value(random, 1));
				}
				m.put("traits", traits);
			}));
			case 6 -> valid("huge strings", batch, random,
					messages -> messages.forEach(m -> m.put(
							pick(random, List.of("event", "userId", "anonymousId", "messageId", "name", "properties")),
							"é".repeat(1 + random.nextInt(40_000)))));
			case 7 -> valid("wrong types", batch, random, messages -> messages.forEach(m -> {
				for (String field : List.copyOf(m.keySet())) {
					if (random.nextInt(3) == 0) {
						m.put(field, value(random, 3));
					}
				}
			}));
			case 8 -> valid("numbers for strings", batch, random, messages -> messages.forEach(m -> {
				for (String field : List.of("userId", "anonymousId", "messageId", "event", "timestamp", "sentAt",
						"previousId", "groupId")) {
					m.put(field, number(random));
				}
			}));
			case 9 -> valid("nulls everywhere", batch, random, messages -> messages.forEach(m -> {
				m.replaceAll((field, value) -> random.nextBoolean() ? null : value);
				m.put("context", nullsIn(m.get("context")));
			}));
			case 10 ->
				valid("NUL, surrogates and control characters", batch, random, messages -> messages.forEach(m -> {
					m.put("userId", pick(random, NASTY) + string(random, 5) + pick(random, NASTY));
					Map<String, Object> traits = new LinkedHashMap<>();
					for (String nasty : NASTY) {
						traits.put(nasty + string(random, 3), nasty);
					}
					m.put("traits", traits);
					m.put("event", "E" + pick(random, NASTY));
				}));
			default -> valid("random tree", batch, random, messages -> messages.forEach(m -> {
				m.put("properties", value(random, 6));
				m.put("context", value(random, 5));
			}));
		};
	}

	private static Case invalid(String kind, boolean batch, byte[] body) {
		return new Case(kind, body, batch, false, 0);
	}

	private static Case valid(String kind, boolean batch, Random random,
			java.util.function.Consumer<List<Map<String, Object>>> mutate) {
		int count = batch ? 1 + random.nextInt(5) : 1;
		List<Map<String, Object>> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			messages.add(message(random));
		}
		mutate.accept(messages);
		Object body = batch ? map("batch", messages, "sentAt", timestamp(random), "context", value(random, 2))
				: messages.getFirst();
		byte[] bytes = utf8(Json.write(body));
		return new Case(kind + (bytes.length > 500 * 1024 ? " over 500 KB" : ""), bytes, batch,
				bytes.length <= 500 * 1024, count);
	}

	/** A plausible Segment message with the odd thing in it. */
	private static Map<String, Object> message(Random random) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("type", pick(random,
				List.of("identify", "track", "page", "screen", "group", "alias", "TRACK", "purchase", "")));
		message.put("messageId", "fuzz-" + random.nextLong());
		message.put("userId", random.nextInt(4) == 0 ? pick(random, NASTY) : "u-" + random.nextInt(50));
		message.put("anonymousId", random.nextBoolean() ? "a-" + random.nextInt(50) : null);
		message.put("event", pick(random, List.of("Order Completed", "Viewed", "", " ", "x".repeat(201))));
		message.put("timestamp", timestamp(random));
		message.put("traits", map("email", string(random, 6) + "@example.com", "name", string(random, 12)));
		message.put("previousId", "p-" + random.nextInt(50));
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("externalIds",
				List.of(map("type",
						pick(random, List.of("loyalty_card", "user_id", "email", "Phone", "", "!!", "x".repeat(60))),
						"id", string(random, 1 + random.nextInt(300)))));
		context.put("consent", map("categoryPreferences",
				map(string(random, 6), random.nextBoolean(), "Analytics", random.nextInt(5) > 0)));
		context.put("device", map("id", string(random, 10), "token", value(random, 1)));
		message.put("context", context);
		return message;
	}

	private static String timestamp(Random random) {
		return pick(random,
				List.of("2026-11-22T10:00:00Z", "2026-11-22T10:00:00.123+05:30", "yesterday", "",
						"+300000-01-01T00:00:00Z", "-290000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
						"0000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
						"2026-02-30T00:00:00Z"));
	}

	private static Object value(Random random, int depth) {
		int choice = random.nextInt(depth > 0 ? 10 : 7);
		return switch (choice) {
			case 0 -> null;
			case 1 -> random.nextBoolean();
			case 2 -> number(random);
			case 3 -> pick(random, NASTY);
			case 4, 5 -> string(random, random.nextInt(random.nextInt(10) == 0 ? 3000 : 30));
			case 6 -> "";
			case 7, 8 -> {
				Map<String, Object> map = new LinkedHashMap<>();
				for (int i = random.nextInt(6); i > 0; i--) {
					map.put(random.nextBoolean() ? pick(random, NASTY) : string(random, 6), value(random, depth - 1));
				}
				yield map;
			}
			default -> {
				List<Object> list = new ArrayList<>();
				for (int i = random.nextInt(6); i > 0; i--) {
					list.add(value(random, depth - 1));
				}
				yield list;
			}
		};
	}

	private static Json.Raw number(Random random) {
		return new Json.Raw(pick(random, List.of("0", "-0", "42", "-1", "1e999", "-1e999", "1E-999", "3.5",
				"123456789012345678901234567890123456789", "0.000000000000000000000000001", "9223372036854775808",
				"-9223372036854775809", "1.7976931348623157E309", Long.toString(random.nextLong()))));
	}

	private static String string(Random random, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(switch (random.nextInt(8)) {
				case 0 -> (char) random.nextInt(0x20);
				case 1 -> (char) (0xD800 + random.nextInt(0x800));
				case 2 -> (char) random.nextInt(0xFFFF);
				default -> (char) ('a' + random.nextInt(26));
			});
		}
		return text.toString();
	}

	private static Object nullsIn(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> nulled = new LinkedHashMap<>();
			map.keySet().forEach(key -> nulled.put(String.valueOf(key), null));
			return nulled;
		}
		return null;
	}

	private static String envelope(Random random, boolean batch, int count) {
		List<Map<String, Object>> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			messages.add(message(random));
		}
		return Json.write(batch ? map("batch", messages) : messages.getFirst());
	}

	private static String nested(int depth, boolean batch) {
		String deep = "[".repeat(depth) + "]".repeat(depth);
		String message = "{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"properties\":{\"deep\":" + deep + "}}";
		return batch ? "{\"batch\":[" + message + "]}" : message;
	}

	private static byte[] withBytes(String json, Random random) {
		byte[] text = utf8(json);
		int at = json.indexOf("fuzz-") + 5;
		byte[] bad = pick(random,
				List.of(new byte[] { (byte) 0xC3 }, new byte[] { (byte) 0xFF, (byte) 0xFE },
						new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { (byte) 0x80 },
						new byte[] { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 }));
		byte[] body = new byte[text.length + bad.length];
		System.arraycopy(text, 0, body, 0, at);
		System.arraycopy(bad, 0, body, at, bad.length);
		System.arraycopy(text, at, body, at + bad.length, text.length - at);
		return body;
	}

	private static byte[] garbage(Random random) {
		byte[] body = new byte[1 + random.nextInt(4000)];
		random.nextBytes(body);
		body[0] = (byte) '{';
		return body;
	}

	private static byte[] truncated(String json, Random random) {
		return utf8(json.substring(0, 1 + random.nextInt(json.length() - 2)));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** A map that, unlike {@code Map.of}, takes nulls. */
	private static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	private static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/**
	 * A JSON writer that escapes every character outside printable ASCII, so that NUL
	 * characters and lone surrogates reach the server exactly as generated.
	 */
	static final class Json {

		record Raw(String token) {
		}

		static String write(Object value) {
			StringBuilder out = new StringBuilder();
			write(value, out);
			return out.toString();
		}

		private static void write(Object value, StringBuilder out) {
			if (value == null) {
				out.append("null");
			}
			else if (value instanceof Raw raw) {
				out.append(raw.token());
			}
			else if (value instanceof Boolean || value instanceof Number) {
				out.append(value);
			}
			else if (value instanceof Map<?, ?> map) {
				out.append('{');
				boolean first = true;
				for (Map.Entry<?, ?> entry : map.entrySet()) {
					out.append(first ? "" : ",");
					first = false;
					string(String.valueOf(entry.getKey()), out);
					out.append(':');
					write(entry.getValue(), out);
				}
				out.append('}');
			}
			else if (value instanceof List<?> list) {
				out.append('[');
				for (int i = 0; i < list.size(); i++) {
					out.append(i == 0 ? "" : ",");
					write(list.get(i), out);
				}
				out.append(']');
			}
			else {
				string(value.toString(), out);
			}
		}

		private static void string(String text, StringBuilder out) {
			out.append('"');
			for (char c : text.toCharArray()) {
				if (c == '"' || c == '\\') {
					out.append('\\').append(c);
				}
				else if (c < 0x20 || c > 0x7E) {
					out.append(String.format("\\u%04x", (int) c));
				}
				else {
					out.append(c);
				}
			}
			out.append('"');
		}

	}

}
