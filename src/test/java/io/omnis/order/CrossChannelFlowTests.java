package io.omnis.order;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Poll;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One customer's journey over HTTP: she browses the web shop anonymously and fills a cart
 * there, gives her e-mail for the newsletter, logs in on the app where her cart follows
 * her, hands it to a store's till by its code, pays there, picks up, and finds the order
 * on her timeline and in her order history.
 */
class CrossChannelFlowTests extends OrderFixtures {

	@Test
	void browseOnTheWebLogInOnTheAppPayAtTheTillAndSeeTheOrderInHerProfile() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String bulb = product(prices, 350);
		Shop web = channel(ChannelType.WEB);
		Shop app = channel(ChannelType.MOBILE_APP);
		Shop store = store();
		receive(lamp, store.location(), 3);
		receive(bulb, store.location(), 10);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String browser = "web-" + suffix;
		String phone = "app-" + suffix;
		String email = "ines-" + suffix + "@example.com";
		String user = "user-" + suffix;

		// On the web, anonymously: she looks at the lamp and puts it in a cart
		send(web, "/v1/page", """
				{"anonymousId": "%s", "messageId": "p1-%s", "name": "Lamp"}""".formatted(browser, suffix));
		send(web, "/v1/track", """
				{"anonymousId": "%s", "messageId": "t1-%s", "event": "Product Viewed", "properties": {"sku": "%s"}}"""
			.formatted(browser, suffix, lamp));
		String cart = anonymousCart(web, browser).path("id").asString();
		add(web, cart, lamp, 1).expect(200);
		add(web, cart, bulb, 2).expect(200);
		send(web, "/v1/identify", """
				{"anonymousId": "%s", "messageId": "n1-%s", "traits": {"email": "%s"}}""".formatted(browser, suffix,
				email));

		// On the app she logs in: the app finds the cart she filled on the web
		send(app, "/v1/identify", """
				{"anonymousId": "%s", "userId": "%s", "messageId": "l1-%s", "traits": {"email": "%s"}}"""
			.formatted(phone, user, suffix, email));
		JsonNode found = Poll
			.until(Duration.ofSeconds(30), () -> app.api().get("/api/v1/carts?customer=user_id:" + user),
					answer -> answer.status() == 200)
			.expect(200);
		assertThat(found.path("id").asString()).isEqualTo(cart);
		JsonNode identified = app.api()
			.post("/api/v1/carts/" + cart + "/identify", "{\"userId\": \"%s\"}".formatted(user))
			.expect(200);
		assertThat(identified.path("id").asString()).isEqualTo(cart);
		String profile = identified.path("profileId").asString();
		assertThat(profile).startsWith("cus_");
		add(app, cart, bulb, 1).expect(200);

		// At the store: the associate takes the cart over by its code and she pays by
		// card
		String code = app.api().post("/api/v1/carts/" + cart + "/handover", "").expect(201).path("code").asString();
		JsonNode atTill = store.api().post("/api/v1/carts/handover/" + code, "").expect(200);
		assertThat(atTill.path("lines")).hasSize(2);
		assertThat(atTill.path("changes")).isEmpty();
		JsonNode order = store.api()
			.post("/api/v1/carts/" + cart + "/checkout",
					"{\"payment\": {\"method\": \"test-card\", \"cardNumber\": \"4242424242424242\"}}",
					"Idempotency-Key", "till-" + suffix)
			.expect(201);
		String orderId = order.path("id").asString();
		assertThat(order.path("status").asString()).isEqualTo("PAID");
		assertThat(order.path("channelId").asString()).isEqualTo(store.id());
		assertThat(order.path("profileId").asString()).isEqualTo(profile);
		assertThat(order.path("total").path("amount").asLong()).isEqualTo(4990 + 3 * 350);
		assertThat(stock(bulb, store.location()).path("reserved").asInt()).isEqualTo(3);

		// She takes it home: the store's stock is sold
		backoffice().post("/api/v1/orders/" + orderId + "/allocate", "").expect(200);
		backoffice().post("/api/v1/orders/" + orderId + "/fulfil", "").expect(200);
		backoffice().post("/api/v1/orders/" + orderId + "/complete", "").expect(200);
		assertThat(stock(lamp, store.location()).path("onHand").asInt()).isEqualTo(2);
		assertThat(stock(bulb, store.location()).path("onHand").asInt()).isEqualTo(7);

		// Her profile: the order on her timeline, and in her history, from every channel
		List<String> kinds = Poll.until(Duration.ofSeconds(30), () -> activities(profile),
				seen -> seen.contains("order.completed"));
		assertThat(kinds).contains("order.placed", "order.paid", "order.allocated", "order.fulfilled");
		JsonNode history = backoffice().get("/api/v1/customers/" + profile + "/orders").expect(200);
		assertThat(history.path("data")).hasSize(1);
		assertThat(history.path("data").get(0).path("id").asString()).isEqualTo(orderId);
		assertThat(backoffice().get("/api/v1/orders?customer=email:" + email)
			.expect(200)
			.path("data")
			.get(0)
			.path("status")
			.asString()).isEqualTo("COMPLETED");

		// And on her 360 in the console, in the order module's panel, with no step left
		String page = console(signIn("admin", ADMIN_PASSWORD)).get("/console/customers/" + profile).text();
		org.jsoup.nodes.Element orders = org.jsoup.Jsoup.parse(page).selectFirst("section[data-panel=Orders]");
		assertThat(orders).isNotNull();
		assertThat(orders.select("a[href=/console/orders/" + orderId + "]")).hasSize(1);
		assertThat(orders.select(".badge").eachText()).containsExactly("completed");
		assertThat(orders.select("form button")).isEmpty();
		// The orders page links the order's customer to the same 360
		org.jsoup.nodes.Document list = org.jsoup.Jsoup
			.parse(console(signIn("admin", ADMIN_PASSWORD)).get("/console/orders?customer=" + profile).text());
		assertThat(list.select("#orders tbody tr:has(a[href=/console/orders/" + orderId
				+ "]) a[href=/console/customers/" + profile + "]"))
			.hasSize(1);
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

	/** What the channel's analytics library sends from her browser or phone. */
	private void send(Shop shop, String path, String message) {
		anonymous()
			.send("POST", path, BodyPublishers.ofString(message), "Authorization", basic(shop.writeKey()),
					"Content-Type", "application/json")
			.expect(200);
	}

}
