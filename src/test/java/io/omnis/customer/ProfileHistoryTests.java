package io.omnis.customer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.omnis.CollectingOmnis;
import io.omnis.Http;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a profile remembers and how it changes over time: undoing a merge, traits by event
 * time, and the consent ledger.
 */
class ProfileHistoryTests extends CollectingOmnis {

	@Test
	void removingAnIdentifierSplitsOffTheEventsAndTraitsThatCameThroughIt() {
		Source web = source("Web shop");
		Source kiosk = source(ChannelType.KIOSK, "Store kiosk");
		String user = unique("ana");
		String laptop = unique("laptop");
		String kioskDevice = unique("kiosk");
		String email = unique("ana") + "@example.com";
		Instant start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
		ObjectNode signUp = at(identify(user, laptop), start);
		signUp.putObject("traits").put("name", "Ana Silva").put("email", email);
		sendResolved(web, signUp);
		ObjectNode browse = at(message("page", null, kioskDevice), start.plusSeconds(60));
		ObjectNode preference = at(identify(null, kioskDevice), start.plusSeconds(120));
		preference.putObject("traits").put("favouriteStore", "Porto");
		sendResolved(kiosk, browse, preference);
		ObjectNode wrongLink = at(identify(user, kioskDevice), start.plusSeconds(180));
		sendResolved(kiosk, wrongLink);
		JsonNode merged = profileHolding(web, "user_id:" + user);
		assertThat(identifiers(merged)).contains("anonymous_id:" + kioskDevice);
		assertThat(merged.at("/traits/favouriteStore").stringValue()).isEqualTo("Porto");
		String id = merged.get("id").stringValue();

		Http.Reply split = api(web, "DELETE", "/api/v1/profiles/" + id + "/identifiers/"
				+ URLEncoder.encode("anonymous_id:" + kioskDevice, StandardCharsets.UTF_8), null);

		assertThat(split.status()).as(split.toString()).isEqualTo(200);
		JsonNode kept = profileHolding(web, "user_id:" + user);
		JsonNode splitOff = profileHolding(web, "anonymous_id:" + kioskDevice);
		assertThat(kept.get("id").stringValue()).isEqualTo(id);
		assertThat(split.json().at("/splitOff/id")).isEqualTo(splitOff.get("id"));
		assertThat(identifiers(kept)).containsExactlyInAnyOrder("user_id:" + user, "anonymous_id:" + laptop,
				"email:" + email);
		assertThat(identifiers(splitOff)).containsExactly("anonymous_id:" + kioskDevice);
		assertThat(kept.get("traits").propertyNames()).containsExactlyInAnyOrder("name", "email");
		assertThat(splitOff.get("traits").propertyNames()).containsExactly("favouriteStore");
		assertThat(messageIds(timeline(web, kept))).containsExactly(signUp.get("messageId").stringValue());
		assertThat(messageIds(timeline(web, splitOff))).containsExactly(wrongLink.get("messageId").stringValue(),
				preference.get("messageId").stringValue(), browse.get("messageId").stringValue());
		assertThat(kept.get("channels").findValuesAsString("channelId")).containsExactly(web.channelId());
		assertThat(splitOff.get("channels").findValuesAsString("channelId")).containsExactly(kiosk.channelId());

		List<JsonNode> history = read(web, "/api/v1/profiles/" + id + "/merges").get("data").valueStream().toList();
		assertThat(history).extracting(h -> h.get("kind").stringValue()).containsExactly("SPLIT", "MERGE");
		assertThat(history).extracting(h -> h.get("identifier").stringValue())
			.containsOnly("anonymous_id:" + kioskDevice);
		assertThat(history.get(1).get("messageId").stringValue()).isEqualTo(wrongLink.get("messageId").stringValue());
		assertThat(history.get(0).get("mergedId")).isEqualTo(splitOff.get("id"));
	}

	@Test
	void aProfileReadGivesEachIdentifierAndChannelAsStoredToTheMicrosecond() {
		Source web = source("Web shop");
		Source app = source(ChannelType.MOBILE_APP, "App");
		String user = unique("micro");
		String device = unique("phone");
		ObjectNode signUp = identify(user, unique("laptop"));
		signUp.putObject("traits").put("email", unique("micro") + "@example.com");
		sendResolved(web, signUp);
		sendResolved(app, identify(user, device));

		JsonNode profile = profileHolding(web, "user_id:" + user);

		String id = profile.get("id").stringValue();
		List<String> stored = jdbc
			.sql("""
					select type || ':' || value || '@' || first_seen_at || ' ' || first_channel_id || ' ' || first_message_id
					  from identifier where profile_id = :id""")
			.param("id", id)
			.query(String.class)
			.list();
		List<String> read = profile.get("identifiers")
			.valueStream()
			.map(i -> i.get("type").stringValue() + ":" + i.get("value").stringValue() + "@"
					+ jdbc.sql("select cast(:at as timestamptz)::text")
						.param("at", i.get("firstSeenAt").stringValue())
						.query(String.class)
						.single()
					+ " " + i.get("firstChannelId").stringValue() + " " + i.get("firstMessageId").stringValue())
			.toList();
		assertThat(read).hasSize(4).containsExactlyInAnyOrderElementsOf(stored);
		assertThat(stored).anyMatch(row -> row.contains(" " + app.channelId() + " "));
		// each channel's first and last seen: the event times stored with its events
		for (JsonNode use : profile.get("channels")) {
			Map<String, Object> times = jdbc.sql("""
					select min(p.occurred_at) as first, max(p.occurred_at) as last
					  from event_profile p join tracked_event e on e.seq = p.seq
					 where p.profile_id = :id and e.channel_id = :channel""")
				.param("id", id)
				.param("channel", use.get("channelId").stringValue())
				.query()
				.singleRow();
			assertThat(Instant.parse(use.get("firstSeenAt").stringValue()))
				.isEqualTo(((java.sql.Timestamp) times.get("first")).toInstant());
			assertThat(Instant.parse(use.get("lastSeenAt").stringValue()))
				.isEqualTo(((java.sql.Timestamp) times.get("last")).toInstant());
		}
		assertThat(profile.get("channels").findValuesAsString("channelId")).containsExactlyInAnyOrder(web.channelId(),
				app.channelId());
	}

	@Test
	void traitsAreTheLastWriteByEventTimeNotByArrival() {
		Source app = source(ChannelType.MOBILE_APP, "App");
		String user = unique("late");
		String device = unique("device");
		Instant now = Instant.now();
		ObjectNode newer = at(identify(user, null), now.minus(Duration.ofMinutes(1)));
		newer.putObject("traits").put("plan", "gold").put("city", "Porto");
		ObjectNode older = at(identify(user, null), now.minus(Duration.ofHours(1)));
		older.putObject("traits").put("plan", "silver").put("phone_model", "x1");
		sendResolved(app, newer);
		sendResolved(app, older);

		JsonNode profile = profileHolding(app, "user_id:" + user);
		assertThat(profile.at("/traits/plan").stringValue()).isEqualTo("gold");
		assertThat(profile.at("/traits/city").stringValue()).isEqualTo("Porto");
		assertThat(profile.at("/traits/phone_model").stringValue()).isEqualTo("x1");
		assertThat(profile.at("/traitSources/plan/message").stringValue())
			.isEqualTo(newer.get("messageId").stringValue());

		// An even older value on another profile does not win when the two merge
		ObjectNode oldest = at(identify(null, device), now.minus(Duration.ofHours(2)));
		oldest.putObject("traits").put("plan", "bronze").put("city", "Lisboa").put("newsletter", true);
		sendResolved(app, oldest);
		sendResolved(app, identify(user, device));
		JsonNode merged = profileHolding(app, "user_id:" + user);
		assertThat(identifiers(merged)).contains("anonymous_id:" + device);
		assertThat(merged.at("/traits/plan").stringValue()).isEqualTo("gold");
		assertThat(merged.at("/traits/city").stringValue()).isEqualTo("Porto");
		assertThat(merged.at("/traits/newsletter").booleanValue()).isTrue();
	}

	@Test
	void mergingKeepsTheMostRestrictiveConsentAndTheLedgerSaysWhereEachStatementCameFrom() {
		Source app = source(ChannelType.MOBILE_APP, "App");
		Source web = source("Web shop");
		String user = unique("careful");
		String browser = unique("browser");
		ObjectNode optIn = identify(user, null);
		optIn.putObject("context")
			.putObject("consent")
			.putObject("categoryPreferences")
			.put("Advertising", true)
			.put("Analytics", true);
		sendResolved(app, optIn);
		ObjectNode optOut = message("page", null, browser);
		optOut.putObject("context")
			.putObject("consent")
			.putObject("categoryPreferences")
			.put("Advertising", false)
			.put("Email Marketing", true);
		sendResolved(web, optOut);
		ObjectNode link = identify(user, browser);
		sendResolved(web, link);

		JsonNode profile = profileHolding(app, "user_id:" + user);
		assertThat(identifiers(profile)).contains("anonymous_id:" + browser);
		JsonNode consent = read(app, "/api/v1/profiles/" + profile.get("id").stringValue() + "/consent");
		assertThat(consent.at("/current/advertising/granted").booleanValue()).isFalse();
		assertThat(consent.at("/current/analytics/granted").booleanValue()).isTrue();
		assertThat(consent.at("/current/email_marketing/granted").booleanValue()).isTrue();
		List<String> ledger = consent.get("ledger")
			.valueStream()
			.map(e -> e.get("purpose").stringValue() + "=" + e.get("granted").booleanValue() + " by "
					+ e.get("source").stringValue() + " via " + e.path("messageId").asString(""))
			.toList();
		String optInId = optIn.get("messageId").stringValue();
		String optOutId = optOut.get("messageId").stringValue();
		assertThat(ledger).contains("advertising=true by event via " + optInId,
				"analytics=true by event via " + optInId, "advertising=false by event via " + optOutId,
				"email_marketing=true by event via " + optOutId);
		assertThat(ledger).anyMatch(entry -> entry.startsWith("advertising=false by merge via "));
	}

	@Test
	void consentRecordedThroughTheApiGoesIntoTheLedgerWithWhoRecordedIt() {
		Source callCentre = source(ChannelType.CALL_CENTER, "Call centre");
		String user = unique("caller");
		sendResolved(callCentre, identify(user, null));
		String id = profileHolding(callCentre, "user_id:" + user).get("id").stringValue();

		Http.Reply recorded = api(callCentre, "POST", "/api/v1/profiles/" + id + "/consent",
				"{\"purpose\":\"SMS\",\"granted\":false,\"channelId\":\"" + callCentre.channelId() + "\"}");

		assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
		assertThat(recorded.json().at("/current/sms_marketing/granted").booleanValue()).isFalse();
		JsonNode consent = read(callCentre, "/api/v1/profiles/" + id + "/consent");
		assertThat(consent.at("/current/sms_marketing/granted").booleanValue()).isFalse();
		JsonNode entry = consent.get("ledger").get(0);
		assertThat(entry.get("purpose").stringValue()).isEqualTo("sms_marketing");
		assertThat(entry.get("granted").booleanValue()).isFalse();
		assertThat(entry.get("source").stringValue()).isEqualTo("api");
		assertThat(entry.get("channelId").stringValue()).isEqualTo(callCentre.channelId());
		assertThat(entry.get("actor").stringValue()).startsWith("key:");
	}

	@Test
	void aMessageWhoseConsentDeniesAnalyticsIsNotStoredOnlyItsConsentIs() {
		Source web = source("Web shop");
		String user = unique("private");
		ObjectNode signIn = identify(user, null);
		sendResolved(web, signIn);
		ObjectNode viewed = track("Product Viewed", user, null);
		viewed.putObject("properties").put("sku", "SECRET-1");
		viewed.putObject("context")
			.put("ip", "203.0.113.9")
			.putObject("consent")
			.putObject("categoryPreferences")
			.put("Analytics", false);

		Http.Reply reply = send(web, viewed);
		awaitResolved(web);

		assertThat(reply.json().get("accepted").intValue()).isZero();
		assertThat(reply.json().get("dropped").intValue()).isEqualTo(1);
		JsonNode profile = profileHolding(web, "user_id:" + user);
		String id = profile.get("id").stringValue();
		assertThat(messageIds(timeline(web, profile))).containsExactly(signIn.get("messageId").stringValue());
		assertThat(profile.get("eventCounts").propertyNames()).containsExactly("identify");
		JsonNode consent = read(web, "/api/v1/profiles/" + id + "/consent");
		assertThat(consent.at("/current/analytics/granted").booleanValue()).isFalse();
		assertThat(consent.at("/ledger/0/source").stringValue()).isEqualTo("event");
		assertThat(consent.at("/ledger/0/messageId").stringValue()).isEqualTo(viewed.get("messageId").stringValue());
		String stored = jdbc.sql("select payload::text from tracked_event where channel_id = :c and message_id = :m")
			.param("c", web.channelId())
			.param("m", viewed.get("messageId").stringValue())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain("SECRET-1").doesNotContain("203.0.113.9").doesNotContain("Product Viewed");
	}

	private List<JsonNode> timeline(Source caller, JsonNode profile) {
		return read(caller, "/api/v1/profiles/" + profile.get("id").stringValue() + "/timeline").get("data")
			.valueStream()
			.toList();
	}

	private static List<String> messageIds(List<JsonNode> entries) {
		return entries.stream().map(e -> e.get("messageId").stringValue()).toList();
	}

}
