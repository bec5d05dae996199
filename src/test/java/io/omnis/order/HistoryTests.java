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
 * A customer's orders from every channel are one history, including orders placed under
 * an anonymous id or a phone number before those were known to be hers; another
 * customer's orders never show.
 */
class HistoryTests extends OrderFixtures {

	@Test
	void ordersPlacedBeforeSheWasKnownJoinHerHistoryAndNobodyElseSeesThem() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		Shop web = channel(ChannelType.WEB);
		Shop store = store();
		receive(lamp, warehouse(), 5);
		receive(lamp, store.location(), 5);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String browser = "anon-" + suffix;
		String phone = "+35191" + String.format("%07d", Math.abs(suffix.hashCode()) % 10_000_000);
		String email = "marta-" + suffix + "@example.com";

		// Bought anonymously on the web, and at a till giving her phone number
		String cart = anonymousCart(web, browser).path("id").asString();
		add(web, cart, lamp, 1).expect(200);
		String online = payByCard(web, cart).expect(201).path("id").asString();
		String tillSale = store.api()
			.post("/api/v1/till-sales",
					"""
							{"currency": "EUR", "customer": {"phone": "%s"}, "lines": [{"sku": "%s", "quantity": 1}]}"""
						.formatted(phone, lamp))
			.expect(201)
			.path("id")
			.asString();

		// Later she signs up on the web, with her phone: she is one profile
		anonymous()
			.send("POST", "/v1/batch", BodyPublishers.ofString("""
					{"batch": [{"type": "identify", "anonymousId": "%s", "userId": "u-%s", "messageId": "s-%s",
					 "traits": {"email": "%s", "phone": "%s"}}]}""".formatted(browser, suffix, suffix, email, phone)),
					"Authorization", basic(web.writeKey()), "Content-Type", "application/json")
			.expect(200);
		String profile = Poll
			.until(Duration.ofSeconds(30),
					() -> backoffice().get("/api/v1/profiles/lookup?identifier=phone:" + phone.replace("+", "%2B")),
					answer -> answer.status() == 200)
			.json()
			.path("id")
			.asString();
		Poll.until(Duration.ofSeconds(30), () -> ids(backoffice().get("/api/v1/profiles/" + profile).json()),
				known -> known.contains("anonymous_id:" + browser));

		List<String> history = ids(backoffice().get("/api/v1/customers/" + profile + "/orders").expect(200));
		assertThat(history).containsExactly(tillSale, online);
		assertThat(ids(backoffice().get("/api/v1/orders?customer=email:" + email).expect(200)))
			.containsExactly(tillSale, online);
		// One page at a time
		JsonNode first = backoffice().get("/api/v1/customers/" + profile + "/orders?limit=1").expect(200);
		assertThat(ids(first)).containsExactly(tillSale);
		assertThat(ids(backoffice()
			.get("/api/v1/customers/" + profile + "/orders?limit=1&cursor=" + first.path("nextCursor").asString())
			.expect(200))).containsExactly(online);

		// Another customer sees none of it
		assertThat(ids(
				backoffice().get("/api/v1/orders?customer=email:someone-else-" + suffix + "@example.com").expect(200)))
			.isEmpty();
		web.api()
			.get("/api/v1/orders/" + online + "?customer=email:someone-else-" + suffix + "@example.com")
			.expectProblem(404, "not-found");
		web.api()
			.post("/api/v1/orders/" + online + "/cancel?customer=email:someone-else-" + suffix + "@example.com", "{}")
			.expectProblem(404, "not-found");
		assertThat(web.api()
			.get("/api/v1/orders/" + online + "?customer=email:" + email)
			.expect(200)
			.path("status")
			.asString()).isEqualTo("PAID");
	}

	private static List<String> ids(JsonNode node) {
		List<String> ids = new ArrayList<>();
		if (node.has("identifiers")) {
			node.path("identifiers")
				.forEach(i -> ids.add(i.path("type").asString() + ":" + i.path("value").asString()));
			return ids;
		}
		node.path("data").forEach(order -> ids.add(order.path("id").asString()));
		return ids;
	}

}
