package io.omnis;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Omnis answered to one HTTP request, with the assertions the API tests share.
 */
public record Answer(int status, HttpHeaders headers, byte[] body) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public String text() {
		return new String(body, StandardCharsets.UTF_8);
	}

	public JsonNode json() {
		return JSON.readTree(body);
	}

	public String header(String name) {
		return headers.firstValue(name).orElse(null);
	}

	public String contentType() {
		return header("Content-Type");
	}

	/**
	 * Asserts the status, and returns the JSON body.
	 */
	public JsonNode expect(int expected) {
		assertThat(status).as("status of an answer with body %s", text()).isEqualTo(expected);
		return body.length == 0 ? JSON.nullNode() : json();
	}

	/**
	 * Asserts that this is an RFC 9457 problem of the given status and type, explaining
	 * itself and naming the given fields.
	 */
	public JsonNode expectProblem(int expected, String type, String... fields) {
		assertThat(status).as("status of an answer with body %s", text()).isEqualTo(expected);
		assertThat(contentType()).as("content type of %s", text()).startsWith("application/problem+json");
		JsonNode problem = json();
		assertThat(problem.path("type").asString()).isEqualTo("https://omnis.dev/problems/" + type);
		assertThat(problem.path("status").asInt()).isEqualTo(expected);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
		if (fields.length > 0) {
			assertThat(fields(problem)).as("fields named by %s", text()).contains(fields);
			problem.path("errors").forEach(error -> assertThat(error.path("message").asString()).isNotBlank());
		}
		return problem;
	}

	/**
	 * Asserts that this is some problem detail with a 4xx status.
	 */
	public void expectClientProblem() {
		assertThat(status).as("status of an answer with body %s", text()).isBetween(400, 499);
		assertThat(contentType()).as("content type of %s", text()).startsWith("application/problem+json");
		JsonNode problem = json();
		assertThat(problem.path("type").asString()).startsWith("https://omnis.dev/problems/");
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("detail").asString()).isNotBlank();
	}

	public static List<String> fields(JsonNode problem) {
		return StreamSupport.stream(problem.path("errors").spliterator(), false)
			.map(error -> error.path("field").asString())
			.toList();
	}

}
