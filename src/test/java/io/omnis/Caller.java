package io.omnis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Someone calling Omnis over HTTP with one set of credentials: a secret key, a console
 * session, or nothing.
 */
public final class Caller {

	static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final URI base;

	private final UnaryOperator<HttpRequest.Builder> credentials;

	Caller(URI base, UnaryOperator<HttpRequest.Builder> credentials) {
		this.base = base;
		this.credentials = credentials;
	}

	public Answer get(String path, String... headers) {
		return send("GET", path, BodyPublishers.noBody(), headers);
	}

	public Answer post(String path, String json, String... headers) {
		return send("POST", path, BodyPublishers.ofString(json), withJson(headers));
	}

	public Answer patch(String path, String json, String... headers) {
		return send("PATCH", path, BodyPublishers.ofString(json), withJson(headers));
	}

	public Answer delete(String path, String... headers) {
		return send("DELETE", path, BodyPublishers.noBody(), headers);
	}

	/**
	 * Any request; headers are name-value pairs.
	 */
	public Answer send(String method, String path, BodyPublisher body, String... headers) {
		HttpRequest.Builder request = credentials
			.apply(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).method(method, body));
		for (int i = 0; i < headers.length; i += 2) {
			request.setHeader(headers[i], headers[i + 1]);
		}
		try {
			var response = HTTP.send(request.build(), BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String[] withJson(String[] headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Content-Type";
		all[1] = "application/json";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return all;
	}

}
