package io.omnis;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies generated from a seed: a valid body, mutated with values of random
 * types, deep nesting, huge strings, odd characters, invalid UTF-8 and broken syntax, so
 * that a failure reproduces from its seed alone.
 */
public final class GarbageJson {

	/** Text to put into the body as it is, unescaped: broken syntax, deep nesting. */
	private record Raw(String text) {
	}

	private static final int[] ODD_CHARACTERS = { 0, 7, 9, 10, 13, 27, 127, 0x85, 0xA0, 0xAD, 0x200B, 0x202E, 0x2028,
			0xFEFF, 0xD800, 0xDC00, 0xFFFD, 0xFFFF, 0x1F600, 0x10FFFF, '"', '\\', '/', '<', '\'', '%', '{' };

	/** Content types to send now and then instead of {@code application/json}. */
	private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
			"application/json;charset=ISO-8859-1", "application/json; charset=klingon", "application/json;;",
			"application/json; charset=\"utf-16\"", "application/*", "APPLICATION/JSON", "text/plain");

	private final Random random;

	/**
	 * The seeds of a generated-input test: 1 to {@code omnis.generated-inputs} (50 unless
	 * set).
	 */
	public static IntStream seeds() {
		return IntStream.rangeClosed(1, Integer.getInteger("omnis.generated-inputs", 50));
	}

	/** {@code application/json} three times in four, else an odd or wrong one. */
	public String contentType() {
		return random.nextInt(4) == 0 ? CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())) : "application/json";
	}

	/**
	 * Sends a generated body (chunked one time in four) and checks what every such
	 * request must get: no server error, and a refusal as a problem detail.
	 * @param idempotencyKey whether to send a fresh {@code Idempotency-Key}
	 */
	public Sent send(Caller caller, String method, String path, byte[] body, String contentType,
			boolean idempotencyKey) {
		boolean chunked = random.nextInt(4) == 0;
		String[] headers = idempotencyKey
				? new String[] { "Content-Type", contentType, "Idempotency-Key", UUID.randomUUID().toString() }
				: new String[] { "Content-Type", contentType };
		Answer answer;
		try {
			answer = caller.send(method, path, chunked ? ChunkedBody.of(body) : BodyPublishers.ofByteArray(body),
					headers);
		}
		catch (java.io.UncheckedIOException transport) {
			if (!chunked) {
				throw transport;
			}
			// The JDK's client can fail on its own side when Omnis answers (a refusal)
			// before it has sent the whole chunked body; a node that still answers the
			// same body sent whole has not crashed
			answer = caller.send(method, path, BodyPublishers.ofByteArray(body), headers);
		}
		String request = "%s %s (%s, %d bytes%s): %s".formatted(method, path, contentType, body.length,
				chunked ? ", chunked" : "", abbreviate(body));
		assertThat(answer.status()).as("status of %s with answer %s", request, abbreviate(answer.body()))
			.isLessThan(500);
		if (answer.status() >= 400) {
			answer.expectClientProblem();
		}
		return new Sent(answer, request);
	}

	/** A generated request as sent, described for failure messages, and its answer. */
	public record Sent(Answer answer, String request) {

		/** Whether Omnis refused it (with a problem detail, {@link #send} checked). */
		public boolean refused() {
			return answer.status() >= 400;
		}

	}

	/** A body as text, cut to 300 characters for a failure message. */
	public static String abbreviate(byte[] bytes) {
		String text = new String(bytes, StandardCharsets.UTF_8);
		return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
	}

	public GarbageJson(Random random) {
		this.random = random;
	}

	/**
	 * The template mutated: most of the time still an object with some fields changed,
	 * sometimes not JSON at all.
	 */
	public byte[] mutate(Map<String, Object> template) {
		Object root = mutateFields(new LinkedHashMap<>(template));
		if (random.nextInt(12) == 0) {
			root = value(0);
		}
		StringBuilder json = new StringBuilder();
		write(root, json);
		byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
		return random.nextInt(3) == 0 ? corrupt(bytes) : bytes;
	}

	/**
	 * A copy of an object with some fields changed, for a template's nested object
	 * ({@link #mutate} changes the top level's).
	 */
	public Map<String, Object> mutateFields(Map<String, Object> fields) {
		List<String> names = new ArrayList<>(fields.keySet());
		int mutations = 1 + random.nextInt(3);
		for (int i = 0; i < mutations; i++) {
			switch (random.nextInt(6)) {
				case 0, 1, 2 -> fields.put(names.get(random.nextInt(names.size())), value(0));
				case 3 -> fields.remove(names.get(random.nextInt(names.size())));
				case 4 -> fields.put(random.nextBoolean() ? string(1 + random.nextInt(12)) : "Name", value(1));
				default -> fields.put(names.get(random.nextInt(names.size())), null);
			}
		}
		return fields;
	}

	private Object value(int depth) {
		return switch (random.nextInt(depth > 2 ? 6 : 12)) {
			case 0 -> null;
			case 1 -> random.nextBoolean();
			case 2 -> random.nextLong();
			case 3 -> random.nextBoolean() ? random.nextDouble() * Math.pow(10, random.nextInt(40) - 20)
					: new Raw(random.nextBoolean() ? "1e99999" : "-0.0e-400");
			case 4 -> string(random.nextInt(40));
			case 5 -> new BigInteger(64 + random.nextInt(4000), random);
			case 6 -> huge();
			case 7 -> deep();
			case 8 -> {
				List<Object> list = new ArrayList<>();
				for (int i = random.nextInt(5); i > 0; i--) {
					list.add(value(depth + 1));
				}
				yield list;
			}
			case 9 -> {
				Map<String, Object> object = new LinkedHashMap<>();
				for (int i = random.nextInt(4); i > 0; i--) {
					object.put(string(random.nextInt(10)), value(depth + 1));
				}
				yield object;
			}
			case 10 -> List.of("channels:read", string(5));
			default -> new Raw(List
				.of("NaN", "Infinity", "undefined", "'single'", "tru", "0x1F", "01", "+1", "[", "}", "\"unterminated",
						"{\"a\":}", "//comment\n1")
				.get(random.nextInt(13)));
		};
	}

	private String string(int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			int kind = random.nextInt(10);
			if (kind < 5) {
				text.append((char) (' ' + random.nextInt(95)));
			}
			else if (kind < 8) {
				text.appendCodePoint(ODD_CHARACTERS[random.nextInt(ODD_CHARACTERS.length)]);
			}
			else {
				text.append((char) random.nextInt(0x10000));
			}
		}
		return text.toString();
	}

	private Object huge() {
		// Mostly under the 1 MB limit, sometimes over it
		int length = random.nextInt(4) == 0 ? 1_100_000 : 1_000 + random.nextInt(300_000);
		return random.nextBoolean() ? "x".repeat(length) : new Raw("\"" + "\\u00e9".repeat(length / 6) + "\"");
	}

	private Raw deep() {
		int depth = 50 + random.nextInt(random.nextBoolean() ? 600 : 20_000);
		boolean arrays = random.nextBoolean();
		return new Raw((arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth));
	}

	/**
	 * The bytes broken one of several ways: truncated, invalid UTF-8 or a NUL inserted, a
	 * byte changed, a byte order mark in front, a second document after.
	 */
	public byte[] corrupt(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
		switch (random.nextInt(6)) {
			case 0 -> out.write(bytes, 0, at); // truncated
			case 1 -> {
				byte[][] invalidUtf8 = { { (byte) 0xFF }, { (byte) 0xC0, (byte) 0x80 },
						{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0x80 }, { (byte) 0xF5, 0x41 },
						{ (byte) 0xE2, (byte) 0x82 } };
				out.write(bytes, 0, at);
				out.writeBytes(invalidUtf8[random.nextInt(invalidUtf8.length)]);
				out.write(bytes, at, bytes.length - at);
			}
			case 2 -> {
				bytes = bytes.clone();
				if (bytes.length > 0) {
					bytes[at] = (byte) random.nextInt(256);
				}
				out.writeBytes(bytes);
			}
			case 3 -> {
				out.writeBytes(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
				out.writeBytes(bytes);
			}
			case 4 -> {
				out.write(bytes, 0, at);
				out.write(0);
				out.write(bytes, at, bytes.length - at);
			}
			default -> {
				out.writeBytes(bytes);
				out.writeBytes(" {\"name\": \"second document\"}".getBytes(StandardCharsets.UTF_8));
			}
		}
		return out.toByteArray();
	}

	private void write(Object value, StringBuilder json) {
		switch (value) {
			case null -> json.append("null");
			case Raw raw -> json.append(raw.text());
			case String text -> quote(text, json);
			case Map<?, ?> object -> {
				json.append('{');
				boolean first = true;
				for (var field : object.entrySet()) {
					json.append(first ? "" : ",");
					quote(String.valueOf(field.getKey()), json);
					json.append(':');
					write(field.getValue(), json);
					first = false;
				}
				json.append('}');
			}
			case List<?> list -> {
				json.append('[');
				for (int i = 0; i < list.size(); i++) {
					json.append(i == 0 ? "" : ",");
					write(list.get(i), json);
				}
				json.append(']');
			}
			default -> json.append(value);
		}
	}

	private void quote(String text, StringBuilder json) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 && random.nextInt(4) > 0) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else if (Character.isSurrogate(c)) {
				json.append(String.format("\\u%04x", (int) c)); // a lone half can only be
																// escaped
			}
			else {
				json.append(c);
			}
		}
		json.append('"');
	}

}
