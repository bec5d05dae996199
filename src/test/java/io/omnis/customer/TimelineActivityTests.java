package io.omnis.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.CollectingOmnis;
import io.omnis.Poll;
import io.omnis.kernel.CustomerActivity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Activities other modules publish (an order placed, a conversation resolved) join the
 * customer's timeline among her collected events, in event-time order, and follow her
 * profile through a merge.
 */
class TimelineActivityTests extends CollectingOmnis {

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private Profiles profiles;

	@Test
	void anActivityPublishedForAnIdentifierAppearsInTheTimelineInEventTimeOrderAndPagesWithIt() {
		Source web = source(unique("timeline web"));
		String user = unique("timeline-user");
		String email = user + "@example.com";
		ObjectNode signUp = at(identify(user, null).put("messageId", unique("m")),
				Instant.parse("2026-11-01T10:00:00Z"));
		signUp.putObject("traits").put("email", email);
		sendResolved(web, signUp, at(track("Product Viewed", user, null).put("messageId", unique("m")),
				Instant.parse("2026-11-03T10:00:00Z")));
		JsonNode profile = profileHolding(web, "email:" + email);

		publish(new CustomerActivity("email:" + email, Instant.parse("2026-11-02T10:00:00Z"), "order.placed",
				web.channelId(), "Order ord_1 placed, 2 items, 59.90 EUR", "ord_1"));
		publish(new CustomerActivity(profile.get("id").stringValue(), Instant.parse("2026-11-04T10:00:00Z"),
				"conversation.resolved", null, "Conversation resolved by Ana", "cnv_1"));

		List<JsonNode> timeline = Poll.until(Duration.ofSeconds(10),
				() -> timeline(web, profile.get("id").stringValue()), entries -> entries.size() == 4);
		assertThat(timeline).extracting(e -> e.get("type").stringValue())
			.containsExactly("conversation.resolved", "track", "order.placed", "identify");
		assertThat(timeline.get(2).get("source").stringValue()).isEqualTo("activity");
		assertThat(timeline.get(2).get("reference").stringValue()).isEqualTo("ord_1");
		assertThat(timeline.get(2).get("event").stringValue()).isEqualTo("Order ord_1 placed, 2 items, 59.90 EUR");

		List<String> paged = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = read(web, "/api/v1/profiles/" + profile.get("id").stringValue() + "/timeline?limit=1"
					+ (cursor == null ? "" : "&cursor=" + cursor));
			page.get("data").forEach(entry -> paged.add(entry.get("type").stringValue()));
			cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").stringValue();
		}
		while (cursor != null);
		assertThat(paged).containsExactly("conversation.resolved", "track", "order.placed", "identify");
	}

	@Test
	void anActivityForAnIdentifierNoProfileHoldsYetWaitsForTheProfileThatComesToHoldIt() {
		Source web = source(unique("timeline web"));
		String user = unique("first-order");
		String email = user + "@example.com";
		String other = unique("other-customer");
		ObjectNode otherSignUp = identify(other, null).put("messageId", unique("m"));
		otherSignUp.putObject("traits").put("email", other + "@example.com");
		sendResolved(web, otherSignUp);

		// Her first order, placed before any profile holds her e-mail (written as she
		// typed it)
		publish(new CustomerActivity("email:" + email.toUpperCase(java.util.Locale.ROOT),
				Instant.parse("2026-11-02T10:00:00Z"), "order.placed", web.channelId(), "Order ord_2 placed", "ord_2"));
		Poll.until(Duration.ofSeconds(10), () -> waitingUnder("email:" + email), count -> count == 1);

		ObjectNode signUp = at(identify(user, null).put("messageId", unique("m")),
				Instant.parse("2026-11-01T10:00:00Z"));
		signUp.putObject("traits").put("email", email);
		sendResolved(web, signUp);
		String id = profileHolding(web, "email:" + email).get("id").stringValue();

		assertThat(timeline(web, id)).extracting(e -> e.get("type").stringValue())
			.containsExactly("order.placed", "identify");
		assertThat(read(web, "/api/v1/profiles/" + id + "/timeline?type=order.placed").get("data"))
			.extracting(e -> e.get("reference").stringValue())
			.containsExactly("ord_2");
		assertThat(profiles.timelineTypes(profiles.get(id))).contains("identify", "order.placed");
		String otherId = profileHolding(web, "email:" + other + "@example.com").get("id").stringValue();
		assertThat(timeline(web, otherId)).extracting(e -> e.get("type").stringValue()).containsExactly("identify");
		assertThat(profiles.timelineTypes(profiles.get(otherId))).doesNotContain("order.placed");

		// Erasing her deletes what waited under her identifiers too
		profiles.erase(id, false);
		assertThat(waitingUnder("email:" + email)).isZero();
	}

	private long waitingUnder(String identifier) {
		return jdbc.sql("select count(*) from timeline_entry where profile_id is null and customer = :customer")
			.param("customer", identifier)
			.query(Long.class)
			.single();
	}

	private void publish(CustomerActivity activity) {
		transactions.executeWithoutResult(status -> events.publishEvent(activity));
	}

	private List<JsonNode> timeline(Source caller, String profileId) {
		List<JsonNode> entries = new ArrayList<>();
		read(caller, "/api/v1/profiles/" + profileId + "/timeline").get("data").forEach(entries::add);
		return entries;
	}

}
