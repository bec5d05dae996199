package io.omnis.order;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Poll;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the customer 360, a click-and-collect order waiting at its store offers "Resend
 * pickup code": she gets a new code, the old one stops working, and her timeline shows
 * the messages and the collection.
 */
class PickupConsoleTests extends PickupFixtures {

	@Test
	void staffResendThePickupCodeFromTheCustomer360() {
		String lamp = product(priceList(), 1990);
		String store = pickupStore();
		receive(lamp, store, 1);
		Shop web = channel(ChannelType.WEB);
		String email = email();
		String visitor = anonymousId();
		String cart = anonymousCart(web, visitor).path("id").asString();
		anonymous().send("POST", "/v1/identify",
				BodyPublishers.ofString("""
						{"anonymousId": "%s", "messageId": "%s", "traits": {"email": "%s"}}""".formatted(visitor,
						UUID.randomUUID(), email)),
				"Authorization", basic(web.writeKey()), "Content-Type", "application/json")
			.expect(200);
		String profile = Poll.until(Duration.ofSeconds(30),
				() -> web.api()
					.post("/api/v1/carts/" + cart + "/identify", "{\"email\": \"" + email + "\"}")
					.expect(200)
					.path("profileId")
					.asString(),
				id -> id != null && id.startsWith("cus_"));
		add(web, cart, lamp, 1).expect(200);
		String order = web.api()
			.post("/api/v1/carts/" + cart + "/checkout",
					"{\"payment\": {\"method\": \"test-card\", \"cardNumber\": \"4242 4242 4242 4242\"}, "
							+ "\"fulfilment\": {\"method\": \"PICKUP\", \"pickupLocationId\": \"" + store + "\"}}",
					"Idempotency-Key", UUID.randomUUID().toString())
			.expect(201)
			.path("id")
			.asString();
		workUntilReady(store, lamp, "1");
		String first = code(mail(email, order));
		var admin = console(signIn("admin", ADMIN_PASSWORD));

		Element orders = Jsoup.parse(admin.get("/console/customers/" + profile).text())
			.selectFirst("section[data-panel=Orders]");
		assertThat(orders).isNotNull();
		Element resend = orders.selectFirst("form[action=/console/orders/" + order + "/pickup-code]");
		assertThat(resend).as("the resend action in %s", orders).isNotNull();
		assertThat(resend.text()).contains("Resend pickup code");
		assertThat(admin.post("/console/orders/" + order + "/pickup-code", "").status()).isEqualTo(302);

		Poll.until(Duration.ofSeconds(20), () -> mails(email, order), n -> n == 2);
		String second = code(mail(email, order));
		assertThat(second).isNotEqualTo(first);
		backoffice().post("/api/v1/fulfilment/locations/" + store + "/pickups", codeBody(first))
			.expectProblem(422, "invalid-code", "code");
		handOver(store, codeBody(second));
		// Each activity is recorded by its own asynchronous listener: wait for all of
		// them
		List<String> kinds = Poll.until(Duration.ofSeconds(30), () -> activities(profile),
				seen -> seen.contains("order.collected") && seen.contains("order.fulfilled")
						&& seen.stream().filter("notice.sent"::equals).count() == 2);
		assertThat(kinds).contains("order.fulfilled");
		// Collected: no resend offered any more
		Element after = Jsoup.parse(admin.get("/console/customers/" + profile).text())
			.selectFirst("section[data-panel=Orders]");
		assertThat(after.select("form[action=/console/orders/" + order + "/pickup-code]")).isEmpty();
	}

	private List<String> activities(String profile) {
		JsonNode timeline = backoffice().get("/api/v1/profiles/" + profile + "/timeline?limit=100").expect(200);
		List<String> kinds = new ArrayList<>();
		timeline.path("data").forEach(entry -> {
			if ("activity".equals(entry.path("source").asString())) {
				kinds.add(entry.path("type").asString());
			}
		});
		return kinds;
	}

}
