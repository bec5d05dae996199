package io.omnis.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Omnis's public API as the load generator sees it: Java's HTTP client (HTTP/1.1,
 * kept-alive connections, virtual threads), a secret key as bearer, and a refusal for
 * every answer that is not 2xx.
 */
public final class Api implements AutoCloseable {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.executor(executor)
		.build();

	private final URI base;

	private static final int MAX_THROTTLED_RETRIES = 120;

	private final java.util.concurrent.atomic.AtomicLong throttled = new java.util.concurrent.atomic.AtomicLong();

	private volatile String secretKey = "";

	Api(URI base) {
		this.base = base;
	}

	public URI base() {
		return base;
	}

	void authenticateWith(String secretKey) {
		this.secretKey = secretKey;
	}

	public HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
		return ok(send(request(path).GET().build()));
	}

	/**
	 * POSTs a JSON body; the idempotency key is sent when it is not {@code null}.
	 */
	public HttpResponse<byte[]> post(String path, String json, String idempotencyKey)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return ok(send(request.build()));
	}

	/**
	 * POSTs a JSON body with another channel's secret key (a store's till, a web shop);
	 * the idempotency key is sent when it is not {@code null}.
	 */
	public HttpResponse<byte[]> post(String path, String json, String idempotencyKey, String secretKey)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = unauthenticated(path).header("Authorization", "Bearer " + secretKey)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return ok(send(request.build()));
	}

	/** PUTs a JSON body. */
	public HttpResponse<byte[]> put(String path, String json) throws IOException, InterruptedException {
		return ok(send(
				request(path).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)).build()));
	}

	/**
	 * POSTs a body of any type, allowing it {@code timeout} (a bulk upload takes longer
	 * than the usual ten seconds).
	 */
	public HttpResponse<byte[]> post(String path, String contentType, byte[] body, Duration timeout)
			throws IOException, InterruptedException {
		return ok(send(request(path).timeout(timeout)
			.header("Content-Type", contentType)
			.POST(BodyPublishers.ofByteArray(body))
			.build()));
	}

	/**
	 * POSTs a body as a collection client does: the write key as Basic user, any content
	 * type.
	 */
	public HttpResponse<byte[]> collect(String path, String body, String writeKey)
			throws IOException, InterruptedException {
		String basic = java.util.Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
		HttpRequest request = unauthenticated(path).header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build();
		// As the Segment clients do: a 429 is retried after Retry-After, up to a bound
		for (int attempt = 1;; attempt++) {
			HttpResponse<byte[]> response = send(request);
			if (response.statusCode() != 429 || attempt == MAX_THROTTLED_RETRIES) {
				return ok(response);
			}
			throttled.incrementAndGet();
			Thread.sleep(1000L * response.headers().firstValueAsLong("Retry-After").orElse(1));
		}
	}

	/** How many collection requests were answered 429 (and retried) so far. */
	public long throttled() {
		return throttled.get();
	}

	public static JsonNode json(HttpResponse<byte[]> response) {
		return JSON.readTree(response.body());
	}

	/** Sends as is: no key, no status check (the console login needs that). */
	HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
		return client.send(request, BodyHandlers.ofByteArray());
	}

	HttpRequest.Builder unauthenticated(String path) {
		return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
	}

	private HttpRequest.Builder request(String path) {
		return unauthenticated(path).header("Authorization", "Bearer " + secretKey);
	}

	static HttpResponse<byte[]> ok(HttpResponse<byte[]> response) throws IOException {
		if (response.statusCode() / 100 != 2) {
			String body = new String(response.body(), StandardCharsets.UTF_8);
			throw new IOException("HTTP " + response.statusCode() + " from " + response.request().method() + " "
					+ response.uri().getPath() + ": " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
		}
		return response;
	}

	@Override
	public void close() {
		client.close();
		executor.close();
	}

}
