package io.omnis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP calls as any client would make them, each with a timeout so that a stuck
 * request fails the test instead of hanging it.
 */
public final class Http {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	public static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private Http() {
	}

	/**
	 * Sends a request; {@code headers} are name, value pairs.
	 */
	public static Reply send(String method, URI uri, byte[] body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(TIMEOUT)
			.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			var response = CLIENT.send(request.build(), BodyHandlers.ofByteArray());
			return new Reply(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new AssertionError(method + " " + uri + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	public static Reply get(URI uri, String... headers) {
		return send("GET", uri, null, headers);
	}

	public static Reply post(URI uri, String body, String... headers) {
		return send("POST", uri, body.getBytes(StandardCharsets.UTF_8), headers);
	}

	/** An answer: status, headers and body. */
	public record Reply(int status, HttpHeaders headers, byte[] body) {

		public String text() {
			return new String(body, StandardCharsets.UTF_8);
		}

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}

		@Override
		public String toString() {
			return status + " " + text();
		}

	}

}
