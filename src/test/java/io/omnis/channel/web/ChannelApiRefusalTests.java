package io.omnis.channel.web;

import java.net.http.HttpRequest.BodyPublishers;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.ChunkedBody;
import io.omnis.RunningOmnis;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad request to the channel API gets its own clear problem, and changes nothing.
 */
class ChannelApiRefusalTests extends RunningOmnis {

	private static final int ONE_MEGABYTE = 1024 * 1024;

	private Caller caller;

	private JsonNode channel;

	private String id;

	@BeforeEach
	void aManagerAndOneOfTheirChannels() {
		caller = manager();
		channel = caller.post("/api/v1/channels", """
				{"type": "WEB", "name": "%s"}""".formatted(unique("Web shop"))).expect(201).path("channel");
		id = channel.path("id").asString();
	}

	@Test
	void malformedJsonIsRefusedAsAMalformedBody() {
		assertCreateRefused("{\"type\": \"WEB\", \"name\": ", 400, "malformed-body");
		assertCreateRefused("{\"type\": \"WEB\", \"name\": \"x\"} trailing", 400, "malformed-body");
		assertCreateRefused("", 400, "malformed-body");
		assertUpdateRefused("{'name': 'single quotes'}", 400, "malformed-body");
	}

	@Test
	void aNumberForTheNameIsRefusedNamingTheName() {
		JsonNode problem = assertCreateRefused("{\"type\": \"WEB\", \"name\": 42}", 400, "invalid-field", "name");
		assertThat(problem.path("errors").get(0).path("message").asString()).isEqualTo("must be a string");
		assertUpdateRefused("{\"name\": 42}", 400, "invalid-field", "name");
		assertUpdateRefused("{\"name\": true}", 400, "invalid-field", "name");
		assertUpdateRefused("{\"name\": [\"a\"]}", 400, "invalid-field", "name");
	}

	@Test
	void anObjectOrANumberForTheTypeIsRefusedNamingTheType() {
		assertCreateRefused("{\"type\": {\"kind\": \"WEB\"}, \"name\": \"%s\"}".formatted(unique("x")), 400,
				"invalid-field", "type");
		assertCreateRefused("{\"type\": 0, \"name\": \"%s\"}".formatted(unique("x")), 400, "invalid-field", "type");
	}

	@Test
	void anUnknownTypeIsRefusedListingTheAllowedTypes() {
		JsonNode problem = assertCreateRefused("{\"type\": \"FAX\", \"name\": \"%s\"}".formatted(unique("Fax")), 400,
				"invalid-field", "type");

		assertThat(problem.path("errors").get(0).path("message").asString()).contains("WEB", "MOBILE_APP", "STORE",
				"MARKETPLACE");
		assertCreateRefused("{\"type\": \"web\", \"name\": \"%s\"}".formatted(unique("x")), 400, "invalid-field",
				"type");
	}

	@Test
	void aStringForGraceSecondsIsRefusedAndTheKeyIsNotRotated() {
		String keyId = channel.path("keys").get(1).path("id").asString();

		assertRotateRefused(keyId, "{\"graceSeconds\": \"60\"}", 400, "invalid-field", "graceSeconds");
		assertRotateRefused(keyId, "{\"graceSeconds\": 60.5}", 400, "invalid-field", "graceSeconds");
		assertRotateRefused(keyId, "{\"graceSeconds\": -1}", 400, "invalid-field", "graceSeconds");
		assertRotateRefused(keyId, "{\"graceSeconds\": 604801}", 400, "invalid-field", "graceSeconds");
		assertRotateRefused(keyId, "{\"graceSeconds\": 99999999999999999999999}", 400, "invalid-field", "graceSeconds");
	}

	@Test
	void anUnknownFieldIsRefusedNamingIt() {
		assertCreateRefused("{\"type\": \"WEB\", \"name\": \"%s\", \"colour\": \"red\"}".formatted(unique("x")), 400,
				"invalid-field", "colour");
		assertUpdateRefused("{\"status\": \"DISABLED\"}", 400, "invalid-field", "status");
	}

	@Test
	void aMissingOrNullRequiredFieldIsRefusedNamingIt() {
		assertCreateRefused("{\"type\": \"WEB\"}", 400, "invalid-field", "name");
		assertCreateRefused("{\"type\": \"WEB\", \"name\": null}", 400, "invalid-field", "name");
		assertCreateRefused("{\"name\": \"%s\"}".formatted(unique("x")), 400, "invalid-field", "type");
		assertCreateRefused("{\"type\": null, \"name\": \"%s\"}".formatted(unique("x")), 400, "invalid-field", "type");
		assertCreateRefused("{}", 400, "invalid-field");
		assertCreateRefused("null", 400);
		assertCreateRefused("[]", 400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\\t\\n", "\\u00a0\\u2003" })
	void aBlankNameIsRefused(String blank) {
		assertCreateRefused("{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(blank), 400, "invalid-field", "name");
		assertUpdateRefused("{\"name\": \"%s\"}".formatted(blank), 400, "invalid-field", "name");
	}

	@Test
	void aNameOfAHundredCharactersIsTheLongestAccepted() {
		String longest = unique("n").concat("x".repeat(100)).substring(0, 100);

		caller.post("/api/v1/channels", "{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(longest)).expect(201);
		assertCreateRefused("{\"type\": \"WEB\", \"name\": \"%s\"}".formatted("y".repeat(101)), 400, "invalid-field",
				"name");
		assertUpdateRefused("{\"name\": \"%s\"}".formatted("y".repeat(101)), 400, "invalid-field", "name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "bell\\u0007", "new\\nline", "tab\\tbed", "nul\\u0000", "esc\\u001b[31m", "del\\u007f",
			"c1\\u0085" })
	void aNameWithControlCharactersIsRefused(String name) {
		assertCreateRefused("{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(name), 400, "invalid-field", "name");
		assertUpdateRefused("{\"name\": \"%s\"}".formatted(name), 400, "invalid-field", "name");
	}

	@Test
	void aDescriptionWithANulCharacterOrOverFiveHundredCharactersIsRefused() {
		assertCreateRefused(
				"{\"type\": \"WEB\", \"name\": \"%s\", \"description\": \"a\\u0000b\"}".formatted(unique("x")), 400,
				"invalid-field", "description");
		assertUpdateRefused("{\"description\": \"%s\"}".formatted("d".repeat(501)), 400, "invalid-field",
				"description");
	}

	@Test
	void aDuplicateNameIsAConflictWhateverItsCase() {
		String name = channel.path("name").asString();

		assertCreateRefused("{\"type\": \"STORE\", \"name\": \"%s\"}".formatted(name), 409, "conflict", "name");
		assertCreateRefused("{\"type\": \"STORE\", \"name\": \" %s \"}".formatted(name.toUpperCase()), 409, "conflict",
				"name");
		JsonNode other = caller.post("/api/v1/channels", """
				{"type": "WEB", "name": "%s"}""".formatted(unique("Other"))).expect(201).path("channel");
		JsonNode before = caller.get("/api/v1/channels/" + other.path("id").asString()).expect(200);
		caller.patch("/api/v1/channels/" + other.path("id").asString(), "{\"name\": \"%s\"}".formatted(name))
			.expectProblem(409, "conflict", "name");
		assertThat(caller.get("/api/v1/channels/" + other.path("id").asString()).expect(200)).isEqualTo(before);
	}

	@Test
	void aBodyOverOneMegabyteWithItsLengthIsRefusedAsTooLarge() {
		long before = channelCount();

		Answer answer = caller.send("POST", "/api/v1/channels", BodyPublishers.ofString(oversizedBody()),
				"Content-Type", "application/json");

		answer.expectProblem(413, "payload-too-large");
		assertThat(channelCount()).isEqualTo(before);
	}

	@Test
	void aChunkedBodyOverOneMegabyteIsRefusedAsTooLarge() {
		long before = channelCount();

		Answer answer = caller.send("POST", "/api/v1/channels", chunked(oversizedBody()), "Content-Type",
				"application/json");

		answer.expectProblem(413, "payload-too-large");
		assertThat(channelCount()).isEqualTo(before);
		Answer update = caller.send("PATCH", "/api/v1/channels/" + id, chunked(oversizedBody()), "Content-Type",
				"application/json");
		update.expectProblem(413, "payload-too-large");
		assertThat(caller.get("/api/v1/channels/" + id).expect(200)).isEqualTo(channel);
	}

	@Test
	void aBodyOfJustUnderOneMegabyteIsRead() {
		String padding = " ".repeat(ONE_MEGABYTE - 200);
		String body = "{\"type\": \"WEB\", " + padding + "\"name\": \"%s\"}".formatted(unique("Padded"));

		caller.send("POST", "/api/v1/channels", chunked(body), "Content-Type", "application/json").expect(201);
	}

	@ParameterizedTest
	@ValueSource(strings = { "chn_01jd4k7q8m3v5x6y7z8a9b0c1d", "chn_nope", "cus_01jd4k7q8m3v5x6y7z8a9b0c1d",
			"CHN_01JD4K7Q8M3V5X6Y7Z8A9B0C1D", "%20", "' or 1=1 --", "chn_01jd4k7q8m3v5x6y7z8a9b0c1d%20" })
	void anUnknownOrMalformedIdIsNotFound(String unknown) {
		String path = "/api/v1/channels/" + unknown.replace(" ", "%20").replace("'", "%27");
		long before = channelCount();

		caller.get(path).expectProblem(404, "not-found");
		caller.patch(path, "{\"name\": \"%s\"}".formatted(unique("x"))).expectProblem(404, "not-found");
		caller.post(path + "/disable", "").expectProblem(404, "not-found");
		caller.post(path + "/enable", "").expectProblem(404, "not-found");
		caller.post(path + "/keys", "{\"kind\": \"SECRET\", \"label\": \"x\"}").expectProblem(404, "not-found");
		caller.post(path + "/keys/key_01jd4k7q8m3v5x6y7z8a9b0c1d/rotate", "").expectProblem(404, "not-found");
		caller.delete(path + "/keys/key_01jd4k7q8m3v5x6y7z8a9b0c1d").expectProblem(404, "not-found");
		assertThat(channelCount()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "%00", "%C0%AE%C0%AE", "%2e%2e%00" })
	void aPathTomcatRefusesIsStillAProblem(String suffix) {
		long before = channelCount();
		caller.get("/api/v1/channels/" + id + suffix).expectProblem(400, "malformed-request");
		assertThat(channelCount()).isEqualTo(before);
	}

	/** Escapes no HTTP client library would send, written on the socket as they are. */
	@ParameterizedTest
	@ValueSource(strings = { "%", "%zz", "%0", "/%%%" })
	void aBrokenEscapeOnTheWireIsAProblemToo(String suffix) throws Exception {
		try (var socket = new java.net.Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET /api/v1/channels/" + id + suffix
						+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 400")
				.containsIgnoringCase("Content-Type: application/problem+json")
				.contains("\"type\":\"https://omnis.dev/problems/malformed-request\"")
				.doesNotContain("Tomcat")
				.doesNotContain("<html");
		}
	}

	@Test
	void anUnknownKeyOfAKnownChannelIsNotFound() {
		caller.post("/api/v1/channels/" + id + "/keys/key_01jd4k7q8m3v5x6y7z8a9b0c1d/rotate", "")
			.expectProblem(404, "not-found");
		caller.delete("/api/v1/channels/" + id + "/keys/nope").expectProblem(404, "not-found");
		assertThat(caller.get("/api/v1/channels/" + id).expect(200)).isEqualTo(channel);
	}

	@ParameterizedTest
	@ValueSource(strings = { "cursor=garbage!", "cursor=djI6Y2huXzAx", "cursor=" + "QUFB", "cursor=%FF%FE" })
	void anInvalidCursorIsRefusedNamingTheCursor(String query) {
		caller.get("/api/v1/channels?" + query).expectProblem(400, "invalid-parameter", "cursor");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "201", "-1", "abc", "1.5", "99999999999" })
	void aLimitOutsideOneToTwoHundredIsRefusedNamingTheLimit(String limit) {
		caller.get("/api/v1/channels?limit=" + limit).expectProblem(400, "invalid-parameter", "limit");
	}

	@Test
	void anUnknownTypeOrStatusFilterIsRefusedNamingIt() {
		caller.get("/api/v1/channels?type=FAX").expectProblem(400, "invalid-parameter", "type");
		caller.get("/api/v1/channels?status=GONE").expectProblem(400, "invalid-parameter", "status");
	}

	@Test
	void aBodyThatIsNotJsonIsRefusedAsAnUnsupportedMediaType() {
		long before = channelCount();
		String body = "{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(unique("Plain"));

		for (String contentType : new String[] { "text/plain", "application/xml", "application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x" }) {
			caller.send("POST", "/api/v1/channels", BodyPublishers.ofString(body), "Content-Type", contentType)
				.expectProblem(415, "unsupported-media-type");
		}
		caller.send("POST", "/api/v1/channels", BodyPublishers.ofString(body))
			.expectProblem(415, "unsupported-media-type");
		caller.send("PATCH", "/api/v1/channels/" + id, BodyPublishers.ofString("{}"), "Content-Type", "text/plain")
			.expectProblem(415, "unsupported-media-type");
		String keyId = channel.path("keys").get(1).path("id").asString();
		for (String contentType : new String[] { "application/*", "text/plain" }) {
			caller
				.send("POST", "/api/v1/channels/" + id + "/keys/" + keyId + "/rotate",
						BodyPublishers.ofString("{\"graceSeconds\": 60}"), "Content-Type", contentType)
				.expectProblem(415, "unsupported-media-type");
		}
		assertThat(caller.get("/api/v1/channels/" + id).expect(200)).isEqualTo(channel);
		assertThat(channelCount()).isEqualTo(before);
	}

	@Test
	void aCallWithoutCredentialsIsRefusedAsUnauthenticated() {
		long before = channelCount();

		Answer list = anonymous().get("/api/v1/channels");
		Answer create = anonymous().post("/api/v1/channels", "{\"type\": \"WEB\", \"name\": \"Anonymous\"}");

		list.expectProblem(401, "unauthenticated");
		assertThat(list.header("WWW-Authenticate")).startsWith("Bearer");
		create.expectProblem(401, "unauthenticated");
		anonymous().get("/api/v1/channels/" + id).expectProblem(401, "unauthenticated");
		assertThat(channelCount()).isEqualTo(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer sk_doesNotExist00000000000000000000", "Bearer ", "Bearer wk_x",
			"Bearer sk_\u00e9\u00e9", "Basic YWRtaW46YWRtaW4=", "Bearer" })
	void aBadAuthorizationIsRefusedAsUnauthenticated(String authorization) {
		long before = channelCount();

		anonymous().get("/api/v1/channels", "Authorization", authorization).expectProblem(401, "unauthenticated");
		anonymous()
			.post("/api/v1/channels", "{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(unique("x")), "Authorization",
					authorization)
			.expectProblem(401, "unauthenticated");
		assertThat(channelCount()).isEqualTo(before);
	}

	@Test
	void aVeryLongBearerIsRefusedAsUnauthenticated() {
		anonymous().get("/api/v1/channels", "Authorization", "Bearer sk_" + "a".repeat(5000))
			.expectProblem(401, "unauthenticated");
	}

	@Test
	void aKeyWithoutTheScopeIsForbidden() {
		Caller reader = withScopes(Permission.CHANNELS_READ);
		Caller writer = withScopes(Permission.CHANNELS_MANAGE);
		Caller nothing = withScopes();
		long before = channelCount();

		reader.post("/api/v1/channels", "{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(unique("x")))
			.expectProblem(403, "forbidden");
		reader.patch("/api/v1/channels/" + id, "{\"name\": \"%s\"}".formatted(unique("x")))
			.expectProblem(403, "forbidden");
		reader.post("/api/v1/channels/" + id + "/disable", "").expectProblem(403, "forbidden");
		writer.get("/api/v1/channels").expectProblem(403, "forbidden");
		nothing.get("/api/v1/channels/" + id).expectProblem(403, "forbidden");

		assertThat(channelCount()).isEqualTo(before);
		assertThat(caller.get("/api/v1/channels/" + id).expect(200)).isEqualTo(channel);
	}

	@Test
	void aConsolePostWithoutItsCsrfTokenIsForbidden() {
		ConsoleSession session = signIn("admin", ADMIN_PASSWORD);
		long before = channelCount();

		JsonNode problem = consoleWithoutCsrf(session)
			.post("/api/v1/channels", "{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(unique("x")))
			.expectProblem(403, "forbidden");
		consoleWithoutCsrf(session).post("/api/v1/channels/" + id + "/disable", "").expectProblem(403, "forbidden");
		consoleWithoutCsrf(session)
			.post("/api/v1/channels", "{\"type\": \"WEB\", \"name\": \"%s\"}".formatted(unique("x")), "X-CSRF-TOKEN",
					"forged")
			.expectProblem(403, "forbidden");

		assertThat(problem.path("detail").asString()).contains("CSRF");
		assertThat(channelCount()).isEqualTo(before);
		assertThat(caller.get("/api/v1/channels/" + id).expect(200)).isEqualTo(channel);
		consoleWithoutCsrf(session).get("/api/v1/channels/" + id).expect(200);
	}

	@Test
	void grantingAScopeTheCallerLacksIsForbiddenNamingTheField() {
		long before = channelCount();

		JsonNode problem = assertCreateRefused("""
				{"type": "WEB", "name": "%s", "secretKeyScopes": ["channels:read", "staff:manage"]}"""
			.formatted(unique("x")), 403, "forbidden", "secretKeyScopes");
		caller.post("/api/v1/channels/" + id + "/keys", """
				{"kind": "SECRET", "label": "escalate", "scopes": ["metrics:read"]}""")
			.expectProblem(403, "forbidden", "scopes");

		assertThat(problem.path("errors").get(0).path("message").asString()).contains("staff:manage");
		assertThat(channelCount()).isEqualTo(before);
		assertThat(caller.get("/api/v1/channels/" + id).expect(200)).isEqualTo(channel);
	}

	@Test
	void anUnknownOrNullScopeIsRefusedNamingItsPosition() {
		assertCreateRefused("""
				{"type": "WEB", "name": "%s", "secretKeyScopes": ["channels:read", "root"]}""".formatted(unique("x")),
				400, "invalid-field", "secretKeyScopes[1]");
		assertCreateRefused("""
				{"type": "WEB", "name": "%s", "secretKeyScopes": [null]}""".formatted(unique("x")), 400,
				"invalid-field", "secretKeyScopes[0]");
		assertCreateRefused("""
				{"type": "WEB", "name": "%s", "secretKeyScopes": "channels:read"}""".formatted(unique("x")), 400,
				"invalid-field", "secretKeyScopes");
	}

	@Test
	void aKeyWithoutKindOrWithABadLabelIsRefused() {
		assertIssueRefused("{\"label\": \"till\"}", 400, "invalid-field", "kind");
		assertIssueRefused("{\"kind\": \"PUBLIC\", \"label\": \"till\"}", 400, "invalid-field", "kind");
		assertIssueRefused("{\"kind\": \"SECRET\"}", 400, "invalid-field", "label");
		assertIssueRefused("{\"kind\": \"SECRET\", \"label\": \"  \"}", 400, "invalid-field", "label");
		assertIssueRefused("{\"kind\": \"SECRET\", \"label\": \"%s\"}".formatted("l".repeat(61)), 400, "invalid-field",
				"label");
		assertIssueRefused("{\"kind\": \"SECRET\", \"label\": \"a\\u0000b\"}", 400, "invalid-field", "label");
	}

	@Test
	void anUnsupportedMethodIsRefusedAsNotAllowed() {
		caller.delete("/api/v1/channels").expectProblem(405, "method-not-allowed");
		caller.send("PUT", "/api/v1/channels/" + id, BodyPublishers.ofString("{}"), "Content-Type", "application/json")
			.expectProblem(405, "method-not-allowed");
	}

	@Test
	void anUnknownApiPathIsNotFoundAsAProblem() {
		caller.get("/api/v1/nothing-here").expectProblem(404, "not-found");
		caller.get("/api/v2/channels").expectProblem(404, "not-found");
	}

	private JsonNode assertCreateRefused(String body, int status, String... typeAndFields) {
		long before = channelCount();
		Answer answer = caller.post("/api/v1/channels", body);
		JsonNode problem = expectProblem(answer, status, typeAndFields);
		assertThat(channelCount()).as("channels after refusing %s", body).isEqualTo(before);
		return problem;
	}

	private void assertUpdateRefused(String body, int status, String... typeAndFields) {
		expectProblem(caller.patch("/api/v1/channels/" + id, body), status, typeAndFields);
		assertThat(caller.get("/api/v1/channels/" + id).expect(200)).as("channel after refusing %s", body)
			.isEqualTo(channel);
	}

	private void assertRotateRefused(String keyId, String body, int status, String... typeAndFields) {
		expectProblem(caller.post("/api/v1/channels/" + id + "/keys/" + keyId + "/rotate", body), status,
				typeAndFields);
		assertThat(caller.get("/api/v1/channels/" + id).expect(200)).as("channel after refusing %s", body)
			.isEqualTo(channel);
	}

	private void assertIssueRefused(String body, int status, String... typeAndFields) {
		expectProblem(caller.post("/api/v1/channels/" + id + "/keys", body), status, typeAndFields);
		assertThat(caller.get("/api/v1/channels/" + id).expect(200)).as("channel after refusing %s", body)
			.isEqualTo(channel);
	}

	private static JsonNode expectProblem(Answer answer, int status, String... typeAndFields) {
		if (typeAndFields.length == 0) {
			answer.expectClientProblem();
			assertThat(answer.status()).isEqualTo(status);
			return answer.json();
		}
		String[] fields = new String[typeAndFields.length - 1];
		System.arraycopy(typeAndFields, 1, fields, 0, fields.length);
		return answer.expectProblem(status, typeAndFields[0], fields);
	}

	private static String oversizedBody() {
		return "{\"type\": \"WEB\", \"name\": \"big\", \"description\": \"" + "d".repeat(ONE_MEGABYTE) + "\"}";
	}

	private static java.net.http.HttpRequest.BodyPublisher chunked(String body) {
		return ChunkedBody.of(body);
	}

}
