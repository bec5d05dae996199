package io.omnis.conversation.messaging;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of an SMS are fetched from a fake media server on 127.0.0.1 into the
 * conversation's attachments: a picture (also behind a redirect) is stored, a file too
 * large (announced or not), of a type not accepted or missing is failed with its reason,
 * a slow one is left to try again, and the message itself is kept in every case.
 */
class MessagingMediaTests extends RunningOmnis {

	static final byte[] PNG = pngOf(2000);

	static final long TOO_LARGE = 10L * 1024 * 1024 + 1;

	HttpServer media;

	final List<String> authorizations = new CopyOnWriteArrayList<>();

	String authToken;

	String hook;

	Caller agent;

	@BeforeEach
	void servers() throws Exception {
		media = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
		media.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		media.createContext("/", this::serve);
		media.start();
		authToken = "token-" + UUID.randomUUID();
		Channels.Created sms = channels.create(ChannelType.SMS, unique("SMS"), null, java.util.Set.of());
		hook = "/hooks/twilio/" + sms.channel().id().value();
		withScopes(Permission.CONVERSATIONS_MANAGE).send("PUT",
				"/api/v1/conversations/channels/" + sms.channel().id().value() + "/messaging",
				BodyPublishers.ofString("{\"provider\":\"TWILIO\",\"baseUrl\":\"http://127.0.0.1:9\",\"accountSid\":\""
						+ ACCOUNT + "\",\"authToken\":\"" + authToken + "\",\"fromAddress\":\"+15550001000\"}"),
				"Content-Type", "application/json")
			.expect(200);
		agent = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_WRITE);
	}

	@AfterEach
	void stop() {
		media.stop(0);
	}

	static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";

	private void serve(HttpExchange exchange) throws IOException {
		String auth = exchange.getRequestHeaders().getFirst("Authorization");
		if (auth != null) {
			authorizations.add(auth);
		}
		String path = exchange.getRequestURI().getPath();
		try (exchange) {
			switch (path) {
				case "/photo.png" -> send(exchange, 200, "image/png", PNG);
				case "/redirect" -> {
					exchange.getResponseHeaders().add("Location", "/photo.png");
					exchange.sendResponseHeaders(302, -1);
				}
				case "/big.png" -> {
					// Announced as too large
					exchange.getResponseHeaders().add("Content-Type", "image/png");
					exchange.sendResponseHeaders(200, TOO_LARGE);
					write(exchange.getResponseBody(), TOO_LARGE);
				}
				case "/endless.png" -> {
					// No length announced: chunked until it is too large
					exchange.getResponseHeaders().add("Content-Type", "image/png");
					exchange.sendResponseHeaders(200, 0);
					write(exchange.getResponseBody(), TOO_LARGE + 100_000);
				}
				case "/page" -> send(exchange, 200, "text/html; charset=utf-8",
						"<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
				case "/slow.png" -> {
					sleep(6000);
					send(exchange, 200, "image/png", PNG);
				}
				default -> send(exchange, 404, "text/plain", "no".getBytes(StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			// The client gave up on it: that is the point of some of these
		}
	}

	@Test
	void theFilesOfAnSmsAreFetchedOrFailedWithTheirReasonAndTheMessageIsKept() {
		String base = "http://127.0.0.1:" + media.getAddress().getPort();
		List<String> urls = List.of(base + "/photo.png", base + "/redirect", base + "/big.png", base + "/endless.png",
				base + "/page", base + "/missing.png", base + "/slow.png");
		Map<String, String> params = sms("+1555" + (1000000 + (long) (Math.random() * 8999999)), "See attached",
				"SM" + UUID.randomUUID().toString().replace("-", ""));
		params.put("NumMedia", Integer.toString(urls.size()));
		for (int i = 0; i < urls.size(); i++) {
			params.put("MediaUrl" + i, urls.get(i));
			params.put("MediaContentType" + i, "image/png");
		}
		Answer answer = post(params, sign(params));
		assertThat(answer.status()).as(answer.text()).isEqualTo(200);
		String conversation = jdbc.sql("""
				select m.conversation_id from conversation_message m join messaging_message x on x.message_id = m.id
				 where x.external_id = :sid""").param("sid", params.get("MessageSid")).query(String.class).single();

		JsonNode downloads = Poll.until(Duration.ofSeconds(60),
				() -> agent.get("/api/v1/conversations/" + conversation + "/media").expect(200).path("data"),
				data -> data.size() == 7 && count(data, "PENDING") <= 1 && data.get(6).path("attempts").asInt() >= 1
						&& !data.get(6).path("failure").isNull());
		assertThat(state(downloads, 0)).isEqualTo("STORED");
		assertThat(state(downloads, 1)).isEqualTo("STORED");
		assertThat(state(downloads, 2)).isEqualTo("FAILED");
		assertThat(failure(downloads, 2)).isEqualTo("The file is larger than 10485760 bytes");
		assertThat(failure(downloads, 3)).isEqualTo("The file is larger than 10485760 bytes");
		assertThat(failure(downloads, 4)).isEqualTo("The file has a media type that is not accepted (text/html)");
		assertThat(failure(downloads, 5)).isEqualTo("The file answered HTTP 404");
		assertThat(state(downloads, 5)).isEqualTo("FAILED");
		assertThat(state(downloads, 6)).as("tried again later").isEqualTo("PENDING");
		assertThat(failure(downloads, 6)).isEqualTo("The file took longer than 3 s");

		JsonNode messages = agent.get("/api/v1/conversations/" + conversation + "/messages").expect(200).path("data");
		assertThat(messages.size()).isEqualTo(1);
		JsonNode message = messages.get(0);
		assertThat(message.path("body").asString()).startsWith("See attached").contains(base + "/missing.png");
		JsonNode attachments = message.path("attachments");
		assertThat(attachments.size()).isEqualTo(2);
		assertThat(attachments.get(0).path("filename").asString()).isEqualTo("photo.png");
		assertThat(attachments.get(0).path("contentType").asString()).isEqualTo("image/png");
		Answer file = agent.get("/api/v1/conversations/" + conversation + "/attachments/"
				+ downloads.get(0).path("attachmentId").asString());
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.body()).isEqualTo(PNG);
		// The account's credentials only ever go to Twilio's own host
		assertThat(authorizations).isEmpty();
	}

	@Test
	void malformedOrTooManyMediaLinksAreRefusedNamingTheFieldAndStoreNothing() {
		long before = jdbc.sql("select count(*) from message_media").query(Long.class).single();
		for (String[] bad : new String[][] { { "1", "ftp://example.com/x.png" }, { "1", "javascript:alert(1)" },
				{ "1", "https://example.com/" + "x".repeat(2100) }, { "99", "https://example.com/x.png" },
				{ "one", "https://example.com/x.png" } }) {
			Map<String, String> params = sms("+15557654321", "Bad",
					"SM" + UUID.randomUUID().toString().replace("-", ""));
			params.put("NumMedia", bad[0]);
			params.put("MediaUrl0", bad[1]);
			Answer answer = post(params, sign(params));
			assertThat(answer.status()).as(Arrays.toString(bad)).isEqualTo(400);
			assertThat(answer.text()).containsAnyOf("MediaUrl0", "NumMedia");
		}
		// A forged signature stays refused whatever the links are
		Map<String, String> forged = sms("+15557654321", "Hi", "SM" + UUID.randomUUID().toString().replace("-", ""));
		forged.put("NumMedia", "1");
		forged.put("MediaUrl0", "http://169.254.169.254/latest/meta-data/");
		assertThat(post(forged, "bm90IGEgc2lnbmF0dXJl").status()).isEqualTo(401);
		assertThat(jdbc.sql("select count(*) from message_media").query(Long.class).single()).isEqualTo(before);
	}

	private static long count(JsonNode data, String state) {
		long n = 0;
		for (JsonNode d : data) {
			n += d.path("state").asString().equals(state) ? 1 : 0;
		}
		return n;
	}

	private static String state(JsonNode downloads, int i) {
		return downloads.get(i).path("state").asString();
	}

	private static String failure(JsonNode downloads, int i) {
		return downloads.get(i).path("failure").asString();
	}

	static Map<String, String> sms(String from, String body, String sid) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("MessageSid", sid);
		params.put("AccountSid", ACCOUNT);
		params.put("From", from);
		params.put("To", "+15550001000");
		params.put("Body", body);
		params.put("NumMedia", "0");
		return params;
	}

	private String sign(Map<String, String> params) {
		StringBuilder data = new StringBuilder(base() + hook);
		new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return java.util.Base64.getEncoder()
				.encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Answer post(Map<String, String> params, String signature) {
		String body = params.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		List<String> headers = new ArrayList<>(
				List.of("Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", signature));
		return anonymous().send("POST", hook, BodyPublishers.ofString(body), headers.toArray(String[]::new));
	}

	private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", type);
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

	private static void write(OutputStream out, long bytes) throws IOException {
		byte[] chunk = new byte[64 * 1024];
		for (long left = bytes; left > 0; left -= chunk.length) {
			out.write(chunk, 0, (int) Math.min(chunk.length, left));
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A PNG signature followed by filler: enough for a type check by content. */
	private static byte[] pngOf(int size) {
		byte[] png = new byte[size];
		byte[] signature = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
		System.arraycopy(signature, 0, png, 0, signature.length);
		new java.util.Random(7).nextBytes(java.nio.ByteBuffer.wrap(png, 8, size - 8).array());
		System.arraycopy(signature, 0, png, 0, signature.length);
		return png;
	}

}
