package io.omnis.tracking;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.CollectingOmnis;
import io.omnis.Http;
import io.omnis.Poll;
import io.omnis.channel.ChannelId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The HTTP Tracking API as the Segment and RudderStack clients use it: how a source is
 * named, what is stored, what is dropped and counted, and what is refused as a whole.
 */
class CollectionApiTests extends CollectingOmnis {

	@Autowired
	CollectedEvents collected;

	@Autowired
	MeterRegistry meters;

	@Test
	void everyFormOfTheWriteKeyThatClientsSendNamesTheSource() {
		Source web = source("Web shop");
		String user = unique("user");
		String withColon = "Basic " + base64(web.writeKey() + ":");
		String withoutColon = "Basic " + base64(web.writeKey());
		ObjectNode first = identify(user, null);
		ObjectNode second = track("Viewed", user, null);
		ObjectNode third = track("Viewed", user, null).put("writeKey", web.writeKey());
		ObjectNode fourth = track("Viewed", user, null);
		ObjectNode fifth = track("Viewed", user, null);

		assertThat(post("/v1/batch", batch(first).toString(), "Authorization", withColon).status()).isEqualTo(200);
		assertThat(post("/v1/track", second.toString(), "Authorization", withoutColon).status()).isEqualTo(200);
		assertThat(post("/v1/track", third.toString()).status()).isEqualTo(200);
		assertThat(
				Http.post(uri("/v1/t"), fourth.put("writeKey", web.writeKey()).toString(), "Content-Type", "text/plain")
					.status())
			.isEqualTo(200);
		assertThat(Http
			.post(uri("/v1/b"), batch(fifth).put("writeKey", web.writeKey()).toString(), "Content-Type", "text/plain")
			.status()).isEqualTo(200);

		assertThat(storedMessageIds(web)).containsExactlyInAnyOrder(ids(first, second, third, fourth, fifth));
	}

	@Test
	void anUnknownOrDisabledWriteKeyIsRefusedAndNothingIsStored() {
		Source disabled = source("Retired kiosk");
		channels.disable(new ChannelId(disabled.channelId()));
		ObjectNode message = identify(unique("user"), null);

		Http.Reply unknown = post("/v1/identify", message.toString(), "Authorization", "Basic " + base64("wk_nope:"));
		Http.Reply retired = post("/v1/batch", batch(message).toString(), "Authorization", disabled.basic());
		Http.Reply inBody = Http.post(uri("/v1/i"), message.put("writeKey", disabled.writeKey()).toString(),
				"Content-Type", "text/plain");
		Http.Reply none = post("/v1/identify", message.without("writeKey").toString());
		Http.Reply settings = Http.get(uri("/v1/projects/" + disabled.writeKey() + "/settings"));

		for (Http.Reply reply : List.of(unknown, retired, inBody, none, settings)) {
			assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
			assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
		}
		assertThat(jdbc.sql("select count(*) from tracked_event where message_id = :m")
			.param("m", message.get("messageId").stringValue())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void settingsGiveAnalyticsJsTheWriteKeyAndTheHost() {
		Source web = source("Web shop");

		Http.Reply settings = Http.get(uri("/v1/projects/" + web.writeKey() + "/settings"));

		assertThat(settings.status()).isEqualTo(200);
		JsonNode segment = settings.json().at("/integrations/Segment.io");
		assertThat(segment.get("apiKey").stringValue()).isEqualTo(web.writeKey());
		assertThat(segment.get("apiHost").stringValue()).isEqualTo("127.0.0.1:" + port + "/v1");
	}

	@Test
	void browsersGetCorsAnswersForTheirOwnOrigin() {
		Source web = source("Web shop");
		String origin = "https://shop.example.com";

		Http.Reply preflight = Http.send("OPTIONS", uri("/v1/t"), null, "Origin", origin,
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
		Http.Reply posted = Http.post(uri("/v1/t"),
				track("Viewed", unique("user"), null).put("writeKey", web.writeKey()).toString(), "Content-Type",
				"text/plain", "Origin", origin);

		assertThat(preflight.status()).isBetween(200, 204);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(origin);
		assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
		assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("content-type");
		assertThat(posted.status()).isEqualTo(200);
		assertThat(posted.header("Access-Control-Allow-Origin")).isEqualTo(origin);
		assertThat(posted.header("Access-Control-Allow-Credentials")).isNull();
	}

	@Test
	void aMessageIdIsStoredOncePerSourceWhileAnotherSourceMayUseItToo() {
		Source web = source("Web shop");
		Source app = source("App");
		ObjectNode message = track("Viewed", unique("user"), null);
		ObjectNode denied = track("Viewed", unique("user"), null);
		denied.putObject("context").putObject("consent").putObject("categoryPreferences").put("Analytics", false);

		JsonNode first = send(web, message, message.deepCopy()).json();
		JsonNode again = send(web, message).json();
		JsonNode elsewhere = send(app, message).json();
		JsonNode deniedFirst = send(web, denied).json();
		JsonNode deniedAgain = send(web, denied).json();

		assertThat(counts(first)).isEqualTo("accepted 1, dropped 1");
		assertThat(counts(again)).isEqualTo("accepted 0, dropped 1");
		assertThat(counts(elsewhere)).isEqualTo("accepted 1, dropped 0");
		assertThat(counts(deniedFirst)).isEqualTo("accepted 0, dropped 1");
		assertThat(counts(deniedAgain)).isEqualTo("accepted 0, dropped 1");
		assertThat(storedMessageIds(web)).containsExactlyInAnyOrder(ids(message, denied));
		assertThat(storedMessageIds(app)).containsExactly(ids(message));
		assertThat(dropCounts(web)).containsEntry("duplicate", 3L).containsEntry("consent-denied", 1L);
	}

	@Test
	void aRetriedBatchStoresItsNewMessagesAndDropsOnlyThoseSentBefore() {
		Source web = source("Web shop");
		ObjectNode sent = track("Viewed", unique("user"), null);
		ObjectNode fresh = track("Added", unique("user"), null);
		ObjectNode alsoFresh = track("Removed", unique("user"), null);

		JsonNode first = send(web, sent).json();
		JsonNode retried = send(web, fresh, sent.deepCopy(), alsoFresh).json();

		assertThat(counts(first)).isEqualTo("accepted 1, dropped 0");
		assertThat(counts(retried)).isEqualTo("accepted 2, dropped 1");
		assertThat(storedMessageIds(web)).containsExactlyInAnyOrder(ids(sent, fresh, alsoFresh));
		assertThat(dropCounts(web)).containsOnly(Map.entry("duplicate", 1L));
	}

	@Test
	void theBatchContextAndIntegrationsApplyToEveryMessageUnlessItHasItsOwn() {
		Source app = source("App");
		ObjectNode own = track("Viewed", unique("user"), null);
		own.putObject("context").put("locale", "en-GB");
		ObjectNode bare = track("Viewed", unique("user"), null);
		ObjectNode body = batch(own, bare);
		body.putObject("context").put("locale", "pt-PT").putObject("library").put("name", "analytics-java");
		body.putObject("integrations").put("All", false);

		assertThat(collect(app, "/v1/import", body.toString()).status()).isEqualTo(200);

		Map<String, JsonNode> stored = collected.recent(app.channelId(), 10)
			.stream()
			.collect(Collectors.toMap(CollectedEvent::messageId, CollectedEvent::payload));
		JsonNode ownContext = stored.get(own.get("messageId").stringValue()).get("context");
		JsonNode bareContext = stored.get(bare.get("messageId").stringValue()).get("context");
		assertThat(ownContext.get("locale").stringValue()).isEqualTo("en-GB");
		assertThat(ownContext.at("/library/name").stringValue()).isEqualTo("analytics-java");
		assertThat(bareContext.get("locale").stringValue()).isEqualTo("pt-PT");
		assertThat(bareContext.at("/library/name").stringValue()).isEqualTo("analytics-java");
		assertThat(stored.get(bare.get("messageId").stringValue()).at("/integrations/All").booleanValue()).isFalse();
	}

	@Test
	void theEventTimeIsCorrectedForAClientWhoseClockIsWrong() {
		Source pos = source("Till with a wrong clock");
		Instant clientNow = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
		ObjectNode batched = at(track("Scanned", unique("user"), null), clientNow.minusSeconds(90));
		ObjectNode single = at(track("Scanned", unique("user"), null), clientNow.minusSeconds(30));
		ObjectNode body = batch(batched).put("sentAt", clientNow.toString());

		assertThat(collect(pos, "/v1/batch", body.toString()).status()).isEqualTo(200);
		assertThat(collect(pos, "/v1/track", single.put("sentAt", clientNow.toString()).toString()).status())
			.isEqualTo(200);

		Map<String, CollectedEvent> stored = collected.recent(pos.channelId(), 10)
			.stream()
			.collect(Collectors.toMap(CollectedEvent::messageId, e -> e));
		CollectedEvent first = stored.get(batched.get("messageId").stringValue());
		CollectedEvent second = stored.get(single.get("messageId").stringValue());
		assertThat(first.occurredAt()).isCloseTo(first.receivedAt().minusSeconds(90), within(1, ChronoUnit.SECONDS));
		assertThat(second.occurredAt()).isCloseTo(second.receivedAt().minusSeconds(30), within(1, ChronoUnit.SECONDS));
		assertThat(first.payload().get("originalTimestamp").stringValue())
			.isEqualTo(batched.get("timestamp").stringValue());
	}

	@Test
	void aTimeTheDatabaseCannotStoreIsReplacedByTheReceiveTime() {
		Source pos = source("Till with a broken clock");
		ObjectNode farFuture = track("Scanned", unique("user"), null).put("timestamp", "+300000-01-01T00:00:00Z");
		ObjectNode farther = track("Scanned", unique("user"), null).put("timestamp", "+999999999-12-31T23:59:59Z");
		ObjectNode skewed = at(track("Scanned", unique("user"), null), Instant.parse("0001-01-01T00:00:00Z"));
		ObjectNode body = batch(farFuture, farther, skewed).put("sentAt", "9999-12-31T00:00:00Z");

		Http.Reply reply = collect(pos, "/v1/batch", body.toString());

		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		assertThat(counts(reply.json())).isEqualTo("accepted 3, dropped 0");
		assertThat(collected.recent(pos.channelId(), 10)).hasSize(3)
			.allSatisfy(event -> assertThat(event.occurredAt()).isEqualTo(event.receivedAt()));
	}

	@Test
	void anUnpairedSurrogateInAPropertyNameIsStoredAsAReplacementCharacter() {
		Source web = source("Web shop");
		String messageId = unique("msg");
		String body = """
				{"batch":[{"type":"track","event":"Shared","userId":"%s","messageId":"%s",
				           "properties":{"emoji\\ud83d":"\\ud83d","\\u0000key":"nul\\u0000"}}]}"""
			.formatted(unique("user"), messageId);

		Http.Reply reply = collect(web, "/v1/batch", body);

		assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		JsonNode properties = collected.recent(web.channelId(), 1).getFirst().payload().get("properties");
		assertThat(properties.get("emoji\uFFFD").stringValue()).isEqualTo("\uFFFD");
		assertThat(properties.get("\uFFFDkey").stringValue()).isEqualTo("nul\uFFFD");
	}

	@Test
	void aRequestOver500KbIsRefusedWhetherItsLengthIsDeclaredOrNot() {
		Source web = source("Web shop");
		ObjectNode large = track("Viewed", unique("user"), null);
		large.putObject("properties").put("blob", "x".repeat(520_000));
		byte[] body = batch(large).toString().getBytes(StandardCharsets.UTF_8);

		Http.Reply declared = collect(web, "/v1/batch", new String(body, StandardCharsets.UTF_8));
		var request = java.net.http.HttpRequest.newBuilder(uri("/v1/batch"))
			.timeout(Http.TIMEOUT)
			.header("Authorization", web.basic())
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();
		int chunkedStatus;
		try {
			chunkedStatus = java.net.http.HttpClient.newHttpClient()
				.send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}

		assertThat(declared.status()).isEqualTo(400);
		assertThat(declared.json().get("detail").stringValue()).contains("larger than");
		assertThat(chunkedStatus).isEqualTo(400);
		assertThat(storedMessageIds(web)).isEmpty();
	}

	@Test
	void aBatchOfMoreThan2500MessagesIsRefusedAndOneOf2500IsTaken() {
		Source web = source("Web shop");
		ObjectNode over = Http.JSON.createObjectNode();
		ObjectNode full = Http.JSON.createObjectNode();
		for (int i = 0; i < 2501; i++) {
			ObjectNode message = Http.JSON.createObjectNode().put("type", "track").put("event", "e");
			over.withArray("batch").add(message);
			if (i < 2500) {
				full.withArray("batch").add(message);
			}
		}

		Http.Reply refused = collect(web, "/v1/batch", over.toString());
		Http.Reply taken = collect(web, "/v1/batch", full.toString());

		assertThat(refused.status()).isEqualTo(400);
		assertThat(taken.status()).isEqualTo(200);
		assertThat(counts(taken.json())).isEqualTo("accepted 0, dropped 2500");
		assertThat(dropCounts(web)).containsExactly(Map.entry("no-identity", 2500L));
	}

	@Test
	void aMessageOver32KbIsDroppedEvenWhenItsCharactersTakeSeveralBytes() {
		Source web = source("Web shop");
		ObjectNode ascii = track("Viewed", unique("user"), null);
		ascii.putObject("properties").put("notes", "x".repeat(33 * 1024));
		ObjectNode accented = track("Viewed", unique("user"), null);
		accented.putObject("properties").put("notes", "é".repeat(20 * 1024));
		ObjectNode small = track("Viewed", unique("user"), null);
		small.putObject("properties").put("notes", "é".repeat(10 * 1024));

		Http.Reply reply = send(web, ascii, accented, small);

		assertThat(counts(reply.json())).isEqualTo("accepted 1, dropped 2");
		assertThat(storedMessageIds(web)).containsExactly(ids(small));
		assertThat(dropCounts(web)).containsExactly(Map.entry("message-too-large", 2L));
	}

	@Test
	void aMessageWith300TraitsIsDroppedAndOneWith299IsTaken() {
		Source crm = source("CRM");
		ObjectNode tooMany = identify(unique("user"), null);
		ObjectNode justFits = identify(unique("user"), null);
		for (int i = 0; i < 300; i++) {
			tooMany.withObject("traits").put("t" + i, i);
			if (i < 299) {
				justFits.withObject("traits").put("t" + i, i);
			}
		}
		ObjectNode inContext = identify(unique("user"), null);
		inContext.withObject("context").set("traits", tooMany.get("traits").deepCopy());

		Http.Reply reply = send(crm, tooMany, justFits, inContext);

		assertThat(counts(reply.json())).isEqualTo("accepted 1, dropped 2");
		assertThat(storedMessageIds(crm)).containsExactly(ids(justFits));
		assertThat(dropCounts(crm)).containsExactly(Map.entry("too-many-traits", 2L));
	}

	@Test
	void everyDropIsCountedPerSourceAndReasonInTheDatabaseAndInTheMetrics() {
		Source web = source("Web shop");
		Source quiet = source("Quiet shop");
		ObjectNode kept = identify(unique("user"), null);
		ObjectNode numberId = identify(unique("user"), null).put("userId", 42);
		Http.Reply reply = send(web, kept, numberId, kept.deepCopy(), message("identify", null, null),
				Http.JSON.createObjectNode().put("type", "track").put("userId", "u"),
				Http.JSON.createObjectNode().put("type", "purchase").put("userId", "u"),
				identify("u", null).put("messageId", "m".repeat(101)),
				identify("u", null).set("traits", Http.JSON.createArrayNode()));

		assertThat(counts(reply.json())).isEqualTo("accepted 2, dropped 6");
		assertThat(dropCounts(web)).containsOnly(Map.entry("duplicate", 1L), Map.entry("no-identity", 1L),
				Map.entry("missing-event", 1L), Map.entry("invalid-type", 1L), Map.entry("invalid-message-id", 1L),
				Map.entry("invalid-field", 1L));
		assertThat(dropCounts(quiet)).isEmpty();
		List<Map<String, Object>> counters = collected.counters(web.channelId(), LocalDate.now(ZoneOffset.UTC));
		assertThat(counters).filteredOn(row -> "missing-event".equals(row.get("outcome")))
			.singleElement()
			.satisfies(row -> assertThat((String) row.get("last_sample")).contains("\"type\":\"track\""));
		for (String reason : List.of("duplicate", "no-identity", "missing-event", "invalid-type", "invalid-message-id",
				"invalid-field")) {
			assertThat(meters.get("omnis.tracking.dropped")
				.tag("channel", web.channelId())
				.tag("reason", reason)
				.counter()
				.count()).as(reason).isEqualTo(1.0);
		}
		Poll.until(Duration.ofSeconds(10), () -> collected.counters(web.channelId(), LocalDate
			.now(ZoneOffset.UTC)), rows -> rows.stream()
				.anyMatch(
						row -> "accepted".equals(row.get("outcome")) && ((Number) row.get("count")).longValue() == 2));
	}

	private Http.Reply post(String path, String body, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Content-Type";
		all[1] = "application/json";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return Http.post(uri(path), body, all);
	}

	private static ObjectNode batch(ObjectNode... messages) {
		ObjectNode body = Http.JSON.createObjectNode();
		for (ObjectNode message : messages) {
			body.withArray("batch").add(message);
		}
		return body;
	}

	private List<String> storedMessageIds(Source source) {
		return collected.recent(source.channelId(), 100).stream().map(CollectedEvent::messageId).toList();
	}

	private Map<String, Long> dropCounts(Source source) {
		return collected.counters(source.channelId(), LocalDate.now(ZoneOffset.UTC))
			.stream()
			.filter(row -> !"accepted".equals(row.get("outcome")))
			.collect(Collectors.toMap(row -> (String) row.get("outcome"),
					row -> ((Number) row.get("count")).longValue()));
	}

	private static String[] ids(ObjectNode... messages) {
		return java.util.Arrays.stream(messages).map(m -> m.get("messageId").stringValue()).toArray(String[]::new);
	}

	private static String counts(JsonNode reply) {
		assertThat(reply.get("success").booleanValue()).isTrue();
		return "accepted " + reply.get("accepted").intValue() + ", dropped " + reply.get("dropped").intValue();
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
