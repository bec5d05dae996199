package io.omnis.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.CollectingOmnis;
import io.omnis.Poll;
import io.omnis.tracking.CollectedEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules that decide whether two sets of identifiers are one person: what merges, what
 * never merges, and what a profile refuses once it reaches a limit or a cap.
 */
class MergeRulesTests extends CollectingOmnis {

	@Autowired
	CollectedEvents collected;

	@Test
	void aSecondPersonOnASharedDeviceGetsHerOwnProfileAndTheDecisionIsRecorded() {
		Source kiosk = source("Shared kiosk");
		String device = unique("kiosk-device");
		String ana = unique("ana");
		String bea = unique("bea");
		ObjectNode second = identify(bea, device);
		second.putObject("traits").put("name", "Bea");
		ObjectNode first = identify(ana, device);
		first.putObject("traits").put("name", "Ana");
		sendResolved(kiosk, first);
		sendResolved(kiosk, second);

		JsonNode anas = profileHolding(kiosk, "user_id:" + ana);
		JsonNode beas = profileHolding(kiosk, "user_id:" + bea);
		assertThat(beas.get("id")).isNotEqualTo(anas.get("id"));
		assertThat(identifiers(anas)).containsExactlyInAnyOrder("user_id:" + ana, "anonymous_id:" + device);
		assertThat(identifiers(beas)).containsExactly("user_id:" + bea);
		assertThat(anas.at("/traits/name").stringValue()).isEqualTo("Ana");
		assertThat(beas.at("/traits/name").stringValue()).isEqualTo("Bea");
		for (JsonNode profile : List.of(anas, beas)) {
			assertThat(decisions(kiosk, profile)).singleElement().satisfies(decision -> {
				assertThat(decision.get("messageId").stringValue()).isEqualTo(second.get("messageId").stringValue());
				assertThat(decision.get("identifier").stringValue()).isEqualTo("anonymous_id:" + device);
				assertThat(decision.get("rule").stringValue()).isEqualTo("user_id-limit");
			});
		}
	}

	@Test
	void twoUserIdsNeverMergeEvenThroughASharedEmailOrAnExternalId() {
		Source shop = source("Family web shop");
		String parent = unique("parent");
		String child = unique("child");
		String email = unique("family") + "@example.com";
		ObjectNode parentIdentify = identify(parent, null);
		parentIdentify.putObject("traits").put("email", email);
		ObjectNode childIdentify = identify(child, null);
		childIdentify.putObject("traits").put("email", email.toUpperCase());
		ObjectNode both = track("Order Completed", parent, null);
		both.putObject("context").putArray("externalIds").addObject().put("id", child).put("type", "user_id");
		sendResolved(shop, parentIdentify);
		sendResolved(shop, childIdentify, both);

		JsonNode parents = profileHolding(shop, "user_id:" + parent);
		JsonNode childs = profileHolding(shop, "user_id:" + child);
		assertThat(childs.get("id")).isNotEqualTo(parents.get("id"));
		assertThat(identifiers(parents)).containsExactlyInAnyOrder("user_id:" + parent, "email:" + email);
		assertThat(identifiers(childs)).containsExactly("user_id:" + child);
		assertThat(parents.get("mergeCount").intValue()).isZero();
		assertThat(childs.get("mergeCount").intValue()).isZero();
		assertThat(decisions(shop, parents)).extracting(d -> d.get("rule").stringValue()).containsOnly("user_id-limit");
	}

	@ParameterizedTest
	@ValueSource(strings = { "null", "undefined", "anonymous", "0", "-1", "00000", "NULL", " undefined ",
			CollectingOmnis.TEST_VALUE })
	void aBlockedValueIsNeverAnIdentifier(String blocked) {
		Source app = source("Careless app");
		String firstDevice = unique("device");
		String secondDevice = unique("device");
		String user = unique("user");
		sendResolved(app, identify(blocked, firstDevice), identify(blocked, secondDevice),
				track("Signed In", user, blocked), identify(blocked, null));

		assertThat(lookup(app, "user_id:" + blocked).status()).isEqualTo(404);
		assertThat(lookup(app, "anonymous_id:" + blocked).status()).isEqualTo(404);
		JsonNode first = profileHolding(app, "anonymous_id:" + firstDevice);
		JsonNode second = profileHolding(app, "anonymous_id:" + secondDevice);
		assertThat(first.get("id")).isNotEqualTo(second.get("id"));
		assertThat(identifiers(first)).containsExactly("anonymous_id:" + firstDevice);
		assertThat(decisions(app, first)).singleElement().satisfies(decision -> {
			assertThat(decision.get("rule").stringValue()).isEqualTo("blocked-value");
			assertThat(decision.get("identifier").stringValue()).startsWith("user_id:");
		});
		assertThat(identifiers(profileHolding(app, "user_id:" + user))).containsExactly("user_id:" + user);
	}

	@Test
	void aSixthEmailIsNotAddedAndTheDecisionIsRecorded() {
		Source crm = source("CRM import");
		String user = unique("collector");
		List<String> emails = new ArrayList<>();
		List<ObjectNode> messages = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			String email = unique("mail" + i) + "@example.com";
			emails.add(email);
			ObjectNode identify = identify(user, null);
			identify.putObject("traits").put("email", email);
			messages.add(identify);
		}
		sendResolved(crm, messages.toArray(ObjectNode[]::new));

		JsonNode profile = profileHolding(crm, "user_id:" + user);
		assertThat(identifiers(profile)).hasSize(6)
			.contains("user_id:" + user)
			.containsAll(emails.subList(0, 5).stream().map(e -> "email:" + e).toList());
		assertThat(lookup(crm, "email:" + emails.get(5)).status()).isEqualTo(404);
		assertThat(decisions(crm, profile)).anySatisfy(decision -> {
			assertThat(decision.get("identifier").stringValue()).isEqualTo("email:" + emails.get(5));
			assertThat(decision.get("rule").stringValue()).isEqualTo("email-limit");
			assertThat(decision.get("messageId").stringValue())
				.isEqualTo(messages.get(5).get("messageId").stringValue());
		});
		assertThat(timeline(crm, profile)).hasSize(6);
	}

	@Test
	void aLimitWithAWindowCountsOnlyIdentifiersFirstSeenWithinIt() {
		Source store = source("Store visits");
		String user = unique("visitor");
		String first = unique("visit");
		String second = unique("visit");
		String third = unique("visit");
		sendResolved(store, visit(user, first));
		sendResolved(store, visit(user, second));
		JsonNode profile = profileHolding(store, "user_id:" + user);
		assertThat(identifiers(profile)).containsExactlyInAnyOrder("user_id:" + user, "visit_code:" + first);
		assertThat(decisions(store, profile)).extracting(d -> d.get("rule").stringValue())
			.containsExactly("visit_code-limit");

		// visit_code allows one per 2 seconds: once the first is older, another one fits
		Instant firstSeen = Instant.parse(profile.get("identifiers")
			.valueStream()
			.filter(i -> i.get("value").stringValue().equals(first))
			.findFirst()
			.orElseThrow()
			.get("firstSeenAt")
			.stringValue());
		Poll.until(Duration.ofSeconds(5), Instant::now, now -> now.isAfter(firstSeen.plusMillis(2100)));
		sendResolved(store, visit(user, third));
		assertThat(identifiers(profileHolding(store, "user_id:" + user))).containsExactlyInAnyOrder("user_id:" + user,
				"visit_code:" + first, "visit_code:" + third);
	}

	@Test
	void pastTheMergeCapEventsStillResolveAndTheProfileIsFlagged() {
		Source web = source("Busy web shop");
		String user = unique("much-merged");
		List<String> devices = List.of(unique("d1"), unique("d2"), unique("d3"), unique("d4"));
		sendResolved(web, identify(user, null));
		sendResolved(web, devices.stream().map(d -> message("page", null, d)).toArray(ObjectNode[]::new));
		List<ObjectNode> links = devices.stream().map(d -> identify(user, d)).toList();
		sendResolved(web, links.toArray(ObjectNode[]::new));

		// The cap is 3 merges in these tests
		JsonNode profile = profileHolding(web, "user_id:" + user);
		assertThat(profile.get("mergeCount").intValue()).isEqualTo(3);
		assertThat(profile.get("flags").valueStream().map(JsonNode::stringValue)).containsExactly("merge-cap");
		// Devices resolve in shards by their own id, so which of the four links came
		// past the cap is not their order of acceptance: exactly one did
		List<Integer> refused = java.util.stream.IntStream.range(0, devices.size())
			.filter(i -> !identifiers(profile).contains("anonymous_id:" + devices.get(i)))
			.boxed()
			.toList();
		assertThat(refused).hasSize(1);
		int late = refused.getFirst();
		assertThat(profileHolding(web, "anonymous_id:" + devices.get(late)).get("id")).isNotEqualTo(profile.get("id"));
		assertThat(timeline(web, profile)).extracting(e -> e.get("messageId").stringValue())
			.contains(links.get(late).get("messageId").stringValue());
		assertThat(decisions(web, profile)).extracting(d -> d.get("rule").stringValue()).contains("merge-cap");
		assertThat(read(web, "/api/v1/profiles/flagged").get("data").findValuesAsString("id"))
			.contains(profile.get("id").stringValue());
	}

	@Test
	void aProfileAtTheIdentifierCapTakesNoMoreAndIsFlagged() {
		Source pos = source("Point of sale");
		String user = unique("hoarder");
		sendResolved(pos, identify(user, unique("till")));
		ObjectNode many = track("Cards Registered", user, null);
		var externalIds = many.putObject("context").putArray("externalIds");
		for (int i = 1; i <= 12; i++) {
			externalIds.addObject().put("type", "card_" + i).put("id", unique("card"));
		}
		sendResolved(pos, many);

		// The cap is 12 identifiers in these tests
		JsonNode profile = profileHolding(pos, "user_id:" + user);
		assertThat(identifiers(profile)).hasSize(12);
		assertThat(profile.get("flags").valueStream().map(JsonNode::stringValue)).containsExactly("identifier-cap");
		assertThat(decisions(pos, profile)).extracting(d -> d.get("rule").stringValue())
			.containsExactly("identifier-cap", "identifier-cap");
		assertThat(timeline(pos, profile)).hasSize(2);
		assertThat(read(pos, "/api/v1/profiles/flagged").get("data").findValuesAsString("id"))
			.contains(profile.get("id").stringValue());
	}

	@Test
	void anIdentifierValueMayHoldAnyCharacter() {
		Source app = source("App");
		String user = unique("user") + "\u001f\u0001\u2028x";
		String device = unique("device");
		ObjectNode message = identify(user, device);
		message.putObject("traits").put("email", "a@" + "İ".repeat(200) + ".com");
		sendResolved(app, message);

		JsonNode profile = profileHolding(app, "user_id:" + user);
		assertThat(identifiers(profile)).containsExactlyInAnyOrder("user_id:" + user, "anonymous_id:" + device);
		assertThat(collected.recent(app.channelId(), 1).getFirst().identifiers())
			.containsExactlyInAnyOrder("user_id:" + user, "anonymous_id:" + device);
	}

	private static ObjectNode visit(String user, String code) {
		ObjectNode message = track("Store Visited", user, null);
		message.putObject("context").putArray("externalIds").addObject().put("type", "visit_code").put("id", code);
		return message;
	}

	private List<JsonNode> decisions(Source caller, JsonNode profile) {
		return read(caller, "/api/v1/profiles/" + profile.get("id").stringValue() + "/merges").get("decisions")
			.valueStream()
			.toList();
	}

	private List<JsonNode> timeline(Source caller, JsonNode profile) {
		return read(caller, "/api/v1/profiles/" + profile.get("id").stringValue() + "/timeline").get("data")
			.valueStream()
			.toList();
	}

}
