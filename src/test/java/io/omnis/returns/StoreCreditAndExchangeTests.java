package io.omnis.returns;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Store credit given for a return and spent at checkout, and an exchange whose new item
 * is reserved at once and handed over through the store's work queue.
 */
class StoreCreditAndExchangeTests extends ReturnFixtures {

	@Test
	void aReturnForStoreCreditCreditsHerAndSheSpendsItAtCheckout() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String bulb = product(prices, 350);
		Shop store = store();
		receive(lamp, store.location(), 3);
		receive(bulb, store.location(), 20);
		String email = "ana-" + UUID.randomUUID() + "@example.com";
		String known = profile(email);
		JsonNode sale = store.api()
			.post("/api/v1/till-sales",
					"""
							{"currency": "EUR", "customer": {"email": "%s"}, "lines": [{"sku": "%s", "quantity": 2}]}"""
						.formatted(email, lamp))
			.expect(201);
		String profile = sale.path("profileId").asString();
		assertThat(profile).isEqualTo(known);

		String returnId = startReturn(store.api(), sale.path("id").asString(), "STORE_CREDIT",
				line(lamp, 1, "NOT_AS_DESCRIBED"))
			.expect(201)
			.path("id")
			.asString();
		JsonNode received = store.api()
			.post("/api/v1/returns/" + returnId + "/receive",
					"{\"locationId\": \"%s\", \"disposition\": \"RESTOCK\"}".formatted(store.location()))
			.expect(200);
		assertThat(received.path("status").asString()).isEqualTo("CREDITED");
		assertThat(received.path("creditEntryId").asString()).startsWith("scr_");
		assertThat(balance(profile)).isEqualTo(4990);
		assertThat(onHand(lamp, store.location())).isEqualTo(2);
		assertThat(
				backoffice().get("/api/v1/orders/" + sale.path("id").asString() + "/refunds").expect(200).path("data"))
			.isEmpty();

		// Spent at checkout on the web, in part
		Shop web = web();
		String cart = cart(web, ", \"profileId\": \"" + profile + "\"", bulb, 4);
		JsonNode order = checkout(web, cart, "{\"method\": \"store-credit\"}").expect(201);
		assertThat(order.path("status").asString()).isEqualTo("PAID");
		assertThat(order.path("paymentMethod").asString()).isEqualTo("store-credit");
		assertThat(balance(profile)).isEqualTo(4990 - 4 * 350);

		// More than she has: declined, nothing spent, no order
		String bigger = cart(web, ", \"profileId\": \"" + profile + "\"", bulb, 11);
		checkout(web, bigger, "{\"method\": \"store-credit\"}").expectProblem(402, "payment-declined",
				"payment.method");
		assertThat(balance(profile)).isEqualTo(4990 - 4 * 350);
		assertThat(web.api().get("/api/v1/carts/" + bigger).expect(200).path("status").asString()).isEqualTo("OPEN");

		// An anonymous cart cannot pay with store credit
		String anonymous = cart(web, ", \"anonymousId\": \"anon-" + UUID.randomUUID() + "\"", bulb, 1);
		checkout(web, anonymous, "{\"method\": \"store-credit\"}").expectProblem(400, "invalid-field",
				"payment.method");

		// Cancelling the order paid with credit gives the credit back
		web.api().post("/api/v1/orders/" + order.path("id").asString() + "/cancel", "{}").expect(200);
		assertThat(balance(profile)).isEqualTo(4990);
		JsonNode ledger = backoffice().get("/api/v1/customers/" + profile + "/store-credit").expect(200);
		assertThat(values(ledger.path("data"), "reason")).containsExactly("refund", "spent", "return");
	}

	@Test
	void anExchangeReservesTheNewItemAtOnceAndHandsItOverAtTheStore() {
		String prices = priceList();
		String small = product(prices, 2990);
		String large = product(prices, 2990);
		String warehouse = warehouse();
		receive(small, warehouse, 2);
		Shop store = store();
		receive(large, store.location(), 1);
		String orderId = handedOverWebOrder(web(), small, 1).path("id").asString();

		JsonNode started = store.api()
			.post("/api/v1/orders/" + orderId + "/returns",
					"""
							{"resolution": "EXCHANGE", "lines": [%s],
							 "exchange": {"sku": "%s", "method": "PICKUP", "pickupLocationId": "%s"}}"""
						.formatted(line(small, 1, "SIZE_OR_FIT"), large, store.location()))
			.expect(201);

		String fulfilment = started.path("exchange").path("fulfilmentId").asString();
		assertThat(fulfilment).isNotBlank();
		assertThat(stock(large, store.location()).path("reserved").asInt()).isEqualTo(1);
		// The last one is hers: a second exchange for it is refused and changes nothing
		String other = handedOverWebOrder(web(), small, 1).path("id").asString();
		io.omnis.Answer refused = store.api()
			.post("/api/v1/orders/" + other + "/returns", """
					{"resolution": "EXCHANGE", "lines": [%s],
					 "exchange": {"sku": "%s", "method": "PICKUP", "pickupLocationId": "%s"}}"""
				.formatted(line(small, 1, "SIZE_OR_FIT"), large, store.location()));
		assertThat(refused.status()).isBetween(400, 499);
		assertThat(backoffice().get("/api/v1/orders/" + other + "/returns").expect(200).path("data")).isEmpty();

		JsonNode received = store.api()
			.post("/api/v1/returns/" + started.path("id").asString() + "/receive",
					"{\"locationId\": \"%s\", \"disposition\": \"RESTOCK\"}".formatted(store.location()))
			.expect(200);
		assertThat(received.path("status").asString()).isEqualTo("EXCHANGED");
		assertThat(onHand(small, store.location())).isEqualTo(1);
		assertThat(backoffice().get("/api/v1/orders/" + orderId + "/refunds").expect(200).path("data")).isEmpty();
		assertThat(stock(large, store.location()).path("reserved").asInt()).isEqualTo(1);
	}

	@Test
	void cancellingAnExchangeLetsItsNewItemGo() {
		String prices = priceList();
		String small = product(prices, 2990);
		String large = product(prices, 2990);
		receive(small, warehouse(), 1);
		Shop store = store();
		receive(large, store.location(), 1);
		String orderId = handedOverWebOrder(web(), small, 1).path("id").asString();
		String returnId = store.api()
			.post("/api/v1/orders/" + orderId + "/returns",
					"""
							{"resolution": "EXCHANGE", "lines": [%s],
							 "exchange": {"sku": "%s", "method": "PICKUP", "pickupLocationId": "%s"}}"""
						.formatted(line(small, 1, "SIZE_OR_FIT"), large, store.location()))
			.expect(201)
			.path("id")
			.asString();
		assertThat(stock(large, store.location()).path("reserved").asInt()).isEqualTo(1);

		store.api().post("/api/v1/returns/" + returnId + "/cancel", "").expect(200);

		assertThat(stock(large, store.location()).path("reserved").asInt()).isZero();
	}

	@Test
	void storeCreditFollowsHerWhenTwoOfHerProfilesMerge() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		Shop store = store();
		receive(lamp, store.location(), 1);
		String suffix = UUID.randomUUID().toString();
		String known = "known-" + suffix + "@example.com";
		String other = "other-" + suffix + "@example.com";
		identify("\"userId\": \"u-" + suffix + "\"", known);
		identify("\"anonymousId\": \"a-" + suffix + "\"", other);
		String first = profileOf(known);
		String second = profileOf(other);
		assertThat(first).isNotEqualTo(second);
		String sale = store.api()
			.post("/api/v1/till-sales",
					"""
							{"currency": "EUR", "customer": {"email": "%s"}, "lines": [{"sku": "%s", "quantity": 1}]}"""
						.formatted(other, lamp))
			.expect(201)
			.path("id")
			.asString();
		String returnId = startReturn(store.api(), sale, "STORE_CREDIT", line(lamp, 1, "OTHER")).expect(201)
			.path("id")
			.asString();
		store.api()
			.post("/api/v1/returns/" + returnId + "/receive",
					"{\"locationId\": \"%s\", \"disposition\": \"RESTOCK\"}".formatted(store.location()))
			.expect(200);
		assertThat(balance(second)).isEqualTo(4990);

		// She signs in on the device she used anonymously: her two profiles merge
		identify("\"userId\": \"u-" + suffix + "\", \"anonymousId\": \"a-" + suffix + "\"", known);
		String survivor = io.omnis.Poll.until(java.time.Duration.ofSeconds(30), () -> profileOf(other),
				found -> found.equals(profileOf(known)));
		String merged = survivor.equals(first) ? second : first;

		io.omnis.Poll.until(java.time.Duration.ofSeconds(30), () -> balance(survivor), b -> b == 4990);
		assertThat(balance(merged)).isZero();
		assertThat(
				values(backoffice().get("/api/v1/customers/" + survivor + "/returns").expect(200).path("data"), "id"))
			.contains(returnId);
	}

	private long balance(String profile) {
		JsonNode credit = backoffice().get("/api/v1/customers/" + profile + "/store-credit").expect(200);
		return credit.path("balances").isEmpty() ? 0 : credit.path("balances").get(0).path("amount").asLong();
	}

}
