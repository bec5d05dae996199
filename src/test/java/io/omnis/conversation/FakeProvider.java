package io.omnis.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a messaging provider's API (Twilio, Meta's Graph API) on 127.0.0.1: it
 * records every request and answers with what the test says.
 */
final class FakeProvider implements AutoCloseable {

	/** A request as the fake server saw it. */
	record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

		String header(String name) {
			return headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.map(e -> e.getValue().getFirst())
				.findFirst()
				.orElse(null);
		}

	}

	/** What to answer. */
	record Reply(int status, String json) {
	}

	private final HttpServer server;

	final List<Request> requests = new CopyOnWriteArrayList<>();

	volatile Function<Request, Reply> answer;

	FakeProvider(Function<Request, Reply> answer) throws IOException {
		this.answer = answer;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		server.createContext("/", exchange -> {
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readNBytes(1_000_000), StandardCharsets.UTF_8);
			}
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
			requests.add(request);
			Reply reply = this.answer.apply(request);
			byte[] bytes = reply.json().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(reply.status(), bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
