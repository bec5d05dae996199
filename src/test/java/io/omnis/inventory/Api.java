package io.omnis.inventory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the Omnis API, authenticated with a channel's secret key.
 */
record Api(HttpClient http, String base, String secret) {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static Api of(int port, String secret) {
		return new Api(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
				"http://127.0.0.1:" + port, secret);
	}

	Response get(String path) {
		return send("GET", path, null);
	}

	Response post(String path, String json) {
		return send("POST", path, json);
	}

	Response post(String path, Object body) {
		return send("POST", path, JSON.writeValueAsString(body));
	}

	Response put(String path, Object body) {
		return send("PUT", path, JSON.writeValueAsString(body));
	}

	Response patch(String path, Object body) {
		return send("PATCH", path, JSON.writeValueAsString(body));
	}

	/** A POST that a client may retry: it carries an {@code Idempotency-Key}. */
	Response postOnce(String path, Object body, String idempotencyKey) {
		return send("POST", path, JSON.writeValueAsString(body), "Idempotency-Key", idempotencyKey);
	}

	Response send(String method, String path, String json, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + secret)
			.header("Accept", "application/json, application/problem+json");
		if (headers.length > 0) {
			request.headers(headers);
		}
		if (json == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
			return new Response(response.statusCode(), body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An answer: the status and the JSON body. */
	record Response(int status, JsonNode json) {

		String text(String field) {
			return json.path(field).asString();
		}

		int number(String field) {
			return json.path(field).asInt();
		}

		/** The first offending field of a problem. */
		String errorField() {
			return json.path("errors").path(0).path("field").asString();
		}

		@Override
		public String toString() {
			return status + " " + json;
		}

	}

}
