package io.omnis.bench.workload;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.omnis.bench.Api;
import io.omnis.bench.Bench;

/**
 * Chat widget visitors held on one node while an inbox workload runs, as a busy site's
 * would be: each writes a first message, then keeps the widget's event stream open.
 * {@code min(scale / 4, 1,000)} of them: 1,000 in full mode (issue 6's figure), 250 in
 * quick mode. Counted afterwards: how many were open at the end and how many Omnis
 * dropped.
 */
final class ChatStreams implements AutoCloseable {

	private static final int MAX = 1000;

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(threads)
		.build();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger dropped = new AtomicInteger();

	private int wanted;

	/**
	 * Opens the streams of new visitors of a new chat channel called {@code channel},
	 * returning when every one answered.
	 */
	void open(Bench bench, String channel) throws Exception {
		wanted = Math.min(MAX, bench.mode().scale() / 4);
		String writeKey = Population.writeKey(bench, channel);
		bench.load("chat visitors", wanted, 8, n -> {
			String anonymousId = channel + "-visitor-" + n;
			var first = Api.json(bench.api()
				.post("/chat/v1/messages", """
						{"writeKey":"%s","anonymousId":"%s","text":"Hello, is anyone there?"}""".formatted(writeKey,
						anonymousId), null));
			URI stream = bench.api()
				.base()
				.resolve("/chat/v1/stream?key=" + encode(writeKey) + "&anonymousId=" + encode(anonymousId) + "&token="
						+ encode(first.get("token").asString()));
			CompletableFuture<Void> opened = new CompletableFuture<>();
			threads.submit(
					() -> hold(HttpRequest.newBuilder(stream).header("Accept", "text/event-stream").build(), opened));
			opened.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		});
	}

	/** Adds what happened to the streams to a workload's facts. */
	void facts(Map<String, String> facts) {
		facts.put("chat streams held open", open.get() + " of " + wanted);
		facts.put("chat streams dropped", Integer.toString(dropped.get()));
	}

	/** Closes the streams: they would otherwise weigh on the workloads measured next. */
	@Override
	public void close() {
		http.shutdownNow();
		threads.shutdownNow();
	}

	private void hold(HttpRequest request, CompletableFuture<Void> opened) {
		try {
			HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
			if (response.statusCode() != 200) {
				throw new IOException("chat stream answered HTTP " + response.statusCode());
			}
			open.incrementAndGet();
			try (Stream<String> lines = response.body()) {
				lines.forEach(line -> opened.complete(null));
			}
		}
		catch (Exception ex) {
			opened.completeExceptionally(ex);
		}
		finally {
			if (opened.isDone() && !opened.isCompletedExceptionally()) {
				open.decrementAndGet();
				dropped.incrementAndGet();
			}
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
