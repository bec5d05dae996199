package io.omnis.channel.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import io.omnis.Caller;
import io.omnis.GarbageJson;
import io.omnis.RunningOmnis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies generated from fixed seeds, sent to every channel endpoint that reads one: none
 * may cause a server error, every refusal is a problem detail, and a refused request
 * changes nothing.
 */
class GeneratedChannelInputTests extends RunningOmnis {

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("io.omnis.GarbageJson#seeds")
	void noGeneratedBodyCausesAServerErrorAndARefusedOneChangesNothing(int seed) {
		Random random = new Random(seed);
		GarbageJson garbage = new GarbageJson(random);
		Caller caller = manager();
		JsonNode created = caller.post("/api/v1/channels", """
				{"type": "WEB", "name": "%s"}""".formatted(unique("Target"))).expect(201);
		String id = created.path("channel").path("id").asString();
		String keyId = created.path("issuedKeys").get(1).path("key").path("id").asString();

		String method = "POST";
		String path;
		Map<String, Object> template = new LinkedHashMap<>();
		switch (random.nextInt(4)) {
			case 0 -> {
				path = "/api/v1/channels";
				template.put("type", "STORE");
				template.put("name", "Generated " + seed + " " + UUID.randomUUID());
				template.put("description", "A store");
				template.put("secretKeyScopes", List.of("channels:read"));
			}
			case 1 -> {
				method = "PATCH";
				path = "/api/v1/channels/" + id;
				template.put("name", "Renamed " + seed + " " + UUID.randomUUID());
				template.put("description", "Renamed");
			}
			case 2 -> {
				path = "/api/v1/channels/" + id + "/keys";
				template.put("kind", "SECRET");
				template.put("label", "till");
				template.put("scopes", List.of("channels:read"));
			}
			default -> {
				path = "/api/v1/channels/" + id + "/keys/" + keyId + "/rotate";
				template.put("graceSeconds", 60);
			}
		}
		byte[] body = garbage.mutate(template);
		String contentType = garbage.contentType();
		boolean idempotent = "POST".equals(method) && random.nextBoolean();
		long channelsBefore = channelCount();
		JsonNode channelBefore = caller.get("/api/v1/channels/" + id).expect(200);

		GarbageJson.Sent sent = garbage.send(caller, method, path, body, contentType, idempotent);

		if (sent.refused()) {
			assertThat(channelCount()).as("channels after refusing %s", sent.request()).isEqualTo(channelsBefore);
			assertThat(caller.get("/api/v1/channels/" + id).expect(200)).as("channel after refusing %s", sent.request())
				.isEqualTo(channelBefore);
		}
	}

}
