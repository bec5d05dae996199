package io.omnis.channel.web;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channel registry over HTTP, as an integration would use it.
 */
class ChannelApiTests extends RunningOmnis {

	@Test
	void creatingAChannelAnswersItWithAWriteKeyAndASecretKeyShownThisOnce() {
		Caller caller = manager();
		String name = unique("Lisbon Chiado");

		var answer = caller.post("/api/v1/channels", """
				{"type": "STORE", "name": "%s", "description": "Rua Garrett 12", "secretKeyScopes": ["channels:read"]}
				""".formatted(name));

		JsonNode created = answer.expect(201);
		JsonNode channel = created.path("channel");
		assertThat(channel.path("id").asString()).startsWith("chn_");
		assertThat(answer.header("Location")).isEqualTo("/api/v1/channels/" + channel.path("id").asString());
		assertThat(channel.path("type").asString()).isEqualTo("STORE");
		assertThat(channel.path("name").asString()).isEqualTo(name);
		assertThat(channel.path("description").asString()).isEqualTo("Rua Garrett 12");
		assertThat(channel.path("status").asString()).isEqualTo("ACTIVE");
		JsonNode issued = created.path("issuedKeys");
		assertThat(issued).hasSize(2);
		assertThat(issued.get(0).path("key").path("kind").asString()).isEqualTo("WRITE");
		assertThat(issued.get(0).path("secret").asString()).matches("wk_[0-9A-Za-z]{32}");
		assertThat(issued.get(1).path("key").path("kind").asString()).isEqualTo("SECRET");
		assertThat(issued.get(1).path("secret").asString()).matches("sk_[0-9A-Za-z]{32}");
		assertThat(issued.get(1).path("key").path("scopes").toString()).isEqualTo("[\"channels:read\"]");

		var again = caller.get(answer.header("Location"));
		JsonNode stored = again.expect(200);
		assertThat(stored.path("name").asString()).isEqualTo(name);
		assertThat(stored.path("keys")).hasSize(2);
		assertThat(again.text()).doesNotContain(issued.get(0).path("secret").asString())
			.doesNotContain(issued.get(1).path("secret").asString());
		assertThat(stored.path("keys").get(1).path("hint").asString())
			.endsWith(issued.get(1).path("secret").asString().substring(32));
	}

	@Test
	void aChannelWithoutScopesGetsASecretKeyThatCanOnlyRead() {
		JsonNode created = manager().post("/api/v1/channels", """
				{"type": "WEB", "name": "%s"}""".formatted(unique("Web shop"))).expect(201);
		Caller newKey = bearer(created.path("issuedKeys").get(1).path("secret").asString());

		newKey.get("/api/v1/channels").expect(200);
		newKey.post("/api/v1/channels", """
				{"type": "WEB", "name": "%s"}""".formatted(unique("Web shop"))).expectProblem(403, "forbidden");
	}

	@Test
	void renamingAChannelChangesItsNameAndDescriptionOnly() {
		Caller caller = manager();
		JsonNode channel = create(caller, "SMS", unique("SMS"));
		String id = channel.path("id").asString();
		String name = unique("SMS renamed");

		JsonNode renamed = caller.patch("/api/v1/channels/" + id, """
				{"name": "  %s  "}""".formatted(name)).expect(200);
		JsonNode described = caller.patch("/api/v1/channels/" + id, """
				{"description": "Order updates"}""").expect(200);

		assertThat(renamed.path("name").asString()).isEqualTo(name);
		assertThat(described.path("name").asString()).isEqualTo(name);
		assertThat(described.path("description").asString()).isEqualTo("Order updates");
		assertThat(described.path("type").asString()).isEqualTo("SMS");
		assertThat(described.path("keys")).isEqualTo(channel.path("keys"));
		assertThat(Instant.parse(described.path("updatedAt").asString()))
			.isAfterOrEqualTo(Instant.parse(channel.path("updatedAt").asString()));
	}

	@Test
	void aDisabledChannelsSecretKeyIsRefusedUntilTheChannelIsEnabledAgain() {
		Caller caller = manager();
		JsonNode created = caller.post("/api/v1/channels", """
				{"type": "KIOSK", "name": "%s"}""".formatted(unique("Kiosk"))).expect(201);
		String id = created.path("channel").path("id").asString();
		Caller kiosk = bearer(created.path("issuedKeys").get(1).path("secret").asString());
		kiosk.get("/api/v1/channels/" + id).expect(200);

		JsonNode disabled = caller.post("/api/v1/channels/" + id + "/disable", "").expect(200);
		assertThat(disabled.path("status").asString()).isEqualTo("DISABLED");
		kiosk.get("/api/v1/channels/" + id).expectProblem(401, "unauthenticated");
		assertThat(caller.post("/api/v1/channels/" + id + "/disable", "").expect(200).path("status").asString())
			.isEqualTo("DISABLED");

		JsonNode enabled = caller.post("/api/v1/channels/" + id + "/enable", "").expect(200);
		assertThat(enabled.path("status").asString()).isEqualTo("ACTIVE");
		kiosk.get("/api/v1/channels/" + id).expect(200);
	}

	@Test
	void anIssuedKeyIsShownOnceAndWorksWithTheScopesItWasGiven() {
		Caller caller = manager();
		String id = create(caller, "STORE", unique("Store")).path("id").asString();

		JsonNode issued = caller.post("/api/v1/channels/" + id + "/keys", """
				{"kind": "SECRET", "label": "till 3", "scopes": ["channels:read", "channels:manage"]}""").expect(201);

		assertThat(issued.path("key").path("label").asString()).isEqualTo("till 3");
		assertThat(issued.path("key").path("scopes").toString()).isEqualTo("[\"channels:manage\",\"channels:read\"]");
		Caller till = bearer(issued.path("secret").asString());
		assertThat(till.get("/api/v1/channels/" + id).expect(200).path("keys")).hasSize(3);
		create(till, "STORE", unique("Store opened by a till"));
	}

	@Test
	void aWriteKeyIsIssuedWithTheEventScopeOnlyAndIsNoBearerKey() {
		Caller caller = manager();
		String id = create(caller, "WEB", unique("Web")).path("id").asString();

		JsonNode issued = caller.post("/api/v1/channels/" + id + "/keys", """
				{"kind": "WRITE", "label": "checkout"}""").expect(201);

		assertThat(issued.path("secret").asString()).startsWith("wk_");
		assertThat(issued.path("key").path("scopes").toString()).isEqualTo("[\"events:write\"]");
		bearer(issued.path("secret").asString()).get("/api/v1/channels").expectProblem(401, "unauthenticated");
	}

	@Test
	void rotatingAKeyWithoutGraceRefusesTheOldSecretAtOnce() {
		Caller caller = manager();
		JsonNode created = caller.post("/api/v1/channels", """
				{"type": "CHAT", "name": "%s"}""".formatted(unique("Chat"))).expect(201);
		String id = created.path("channel").path("id").asString();
		JsonNode secretKey = created.path("issuedKeys").get(1);
		Caller old = bearer(secretKey.path("secret").asString());

		JsonNode rotated = caller
			.send("POST", "/api/v1/channels/" + id + "/keys/" + secretKey.path("key").path("id").asString() + "/rotate",
					BodyPublishers.noBody())
			.expect(201);

		old.get("/api/v1/channels").expectProblem(401, "unauthenticated");
		bearer(rotated.path("secret").asString()).get("/api/v1/channels").expect(200);
		assertThat(rotated.path("key").path("scopes")).isEqualTo(secretKey.path("key").path("scopes"));
		assertThat(rotated.path("key").path("label").asString()).isEqualTo("default");
	}

	@Test
	void rotatingAKeyWithGraceKeepsTheOldSecretWorkingUntilTheGraceEnds() throws InterruptedException {
		Caller caller = manager();
		JsonNode created = caller.post("/api/v1/channels", """
				{"type": "MOBILE_APP", "name": "%s"}""".formatted(unique("App"))).expect(201);
		String id = created.path("channel").path("id").asString();
		String keyId = created.path("issuedKeys").get(1).path("key").path("id").asString();
		Caller old = bearer(created.path("issuedKeys").get(1).path("secret").asString());

		JsonNode rotated = caller.post("/api/v1/channels/" + id + "/keys/" + keyId + "/rotate", """
				{"graceSeconds": 2}""").expect(201);

		old.get("/api/v1/channels").expect(200);
		bearer(rotated.path("secret").asString()).get("/api/v1/channels").expect(200);
		JsonNode oldKey = key(caller.get("/api/v1/channels/" + id).expect(200), keyId);
		Instant expiresAt = Instant.parse(oldKey.path("expiresAt").asString());
		assertThat(expiresAt).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(3));
		assertThat(oldKey.path("usable").asBoolean()).isTrue();

		Thread.sleep(Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis()) + 200);
		old.get("/api/v1/channels").expectProblem(401, "unauthenticated");
		assertThat(key(caller.get("/api/v1/channels/" + id).expect(200), keyId).path("usable").asBoolean()).isFalse();
	}

	@Test
	void aRevokedKeyIsRefusedAtOnceAndCannotBeRotated() {
		Caller caller = manager();
		JsonNode created = caller.post("/api/v1/channels", """
				{"type": "EMAIL", "name": "%s"}""".formatted(unique("Mailbox"))).expect(201);
		String id = created.path("channel").path("id").asString();
		String keyId = created.path("issuedKeys").get(1).path("key").path("id").asString();
		Caller revoked = bearer(created.path("issuedKeys").get(1).path("secret").asString());
		revoked.get("/api/v1/channels").expect(200);

		var answer = caller.delete("/api/v1/channels/" + id + "/keys/" + keyId);

		assertThat(answer.status()).isEqualTo(204);
		revoked.get("/api/v1/channels").expectProblem(401, "unauthenticated");
		JsonNode key = key(caller.get("/api/v1/channels/" + id).expect(200), keyId);
		assertThat(key.path("revokedAt").isNull()).isFalse();
		assertThat(key.path("usable").asBoolean()).isFalse();
		caller.post("/api/v1/channels/" + id + "/keys/" + keyId + "/rotate", "").expectProblem(404, "not-found");
	}

	@Test
	void pagingWithTheCursorVisitsEveryChannelOnceInCreationOrder() {
		Caller caller = manager();
		List<String> mine = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			mine.add(create(caller, "MARKETPLACE", unique("Marketplace")).path("id").asString());
		}

		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = caller
				.get("/api/v1/channels?limit=3&type=MARKETPLACE" + (cursor == null ? "" : "&cursor=" + cursor))
				.expect(200);
			assertThat(page.path("data").size()).isBetween(1, 3);
			page.path("data").forEach(channel -> {
				assertThat(channel.path("type").asString()).isEqualTo("MARKETPLACE");
				seen.add(channel.path("id").asString());
			});
			cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
			pages++;
		}
		while (cursor != null);

		assertThat(pages).isGreaterThanOrEqualTo(3);
		assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
		assertThat(seen).isSorted().containsAll(mine);
		assertThat(seen)
			.hasSize(jdbc.sql("select count(*) from channel where type = 'MARKETPLACE'").query(Integer.class).single());
	}

	@Test
	void theListCanBeFilteredByStatus() {
		Caller caller = manager();
		String id = create(caller, "SOCIAL", unique("Social")).path("id").asString();
		caller.post("/api/v1/channels/" + id + "/disable", "").expect(200);

		JsonNode disabled = caller.get("/api/v1/channels?status=DISABLED&limit=200").expect(200);

		assertThat(disabled.path("data").findValuesAsString("status")).containsOnly("DISABLED");
		assertThat(disabled.path("data").findValuesAsString("id")).contains(id);
	}

	@Test
	void aConsoleSessionCanUseTheApiWithItsCsrfToken() {
		Caller console = console(signIn("admin", ADMIN_PASSWORD));

		JsonNode created = console
			.post("/api/v1/channels",
					"""
							{"type": "CALL_CENTER", "name": "%s", "secretKeyScopes": ["staff:manage"]}"""
						.formatted(unique("Care line")))
			.expect(201);

		assertThat(created.path("issuedKeys").get(1).path("key").path("scopes").toString())
			.isEqualTo("[\"staff:manage\"]");
		console.get("/api/v1/channels/" + created.path("channel").path("id").asString()).expect(200);
	}

	@Test
	void theBearerSchemeIsCaseInsensitive() {
		Channels.Created created = channels.create(ChannelType.WEB, unique("Web"), null,
				Set.of(Permission.CHANNELS_READ));
		String secret = secretOf(created);

		anonymous().get("/api/v1/channels", "Authorization", "bearer " + secret).expect(200);
		anonymous().get("/api/v1/channels", "Authorization", "BEARER " + secret).expect(200);
	}

	private static JsonNode create(Caller caller, String type, String name) {
		return caller.post("/api/v1/channels", """
				{"type": "%s", "name": "%s"}""".formatted(type, name)).expect(201).path("channel");
	}

	private static JsonNode key(JsonNode channel, String keyId) {
		for (JsonNode key : channel.path("keys")) {
			if (key.path("id").asString().equals(keyId)) {
				return key;
			}
		}
		throw new AssertionError("No key " + keyId + " in " + channel);
	}

}
