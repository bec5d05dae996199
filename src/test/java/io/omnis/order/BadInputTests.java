package io.omnis.order;

import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What carts, checkout and till sales refuse: each refusal a problem detail naming the
 * field, and nothing changed.
 */
class BadInputTests extends OrderFixtures {

	private String prices;

	private String lamp;

	private String warehouse;

	private Shop web;

	private String cart;

	@BeforeEach
	void aCartWithOneLamp() {
		prices = priceList();
		lamp = product(prices, 4990);
		warehouse = warehouse();
		receive(lamp, warehouse, 5);
		web = channel(ChannelType.WEB);
		cart = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, cart, lamp, 1).expect(200);
	}

	static Stream<Arguments> badLines() {
		return Stream.of(Arguments.of("{\"sku\": \"%s\", \"quantity\": 0}", 400, "invalid-field", "quantity"),
				Arguments.of("{\"sku\": \"%s\", \"quantity\": -3}", 400, "invalid-field", "quantity"),
				Arguments.of("{\"sku\": \"%s\", \"quantity\": 1001}", 400, "invalid-field", "quantity"),
				Arguments.of("{\"sku\": \"%s\"}", 400, "invalid-field", "quantity"),
				Arguments.of("{\"quantity\": 1}", 400, "invalid-field", "sku"),
				Arguments.of("{\"sku\": \"NO-SUCH-%s\", \"quantity\": 1}", 404, "not-found", "sku"),
				Arguments.of("{\"sku\": \" %s\", \"quantity\": 1}", 400, "invalid-field", "sku"),
				Arguments.of("{\"sku\": \"%s\", \"quantity\": 1, \"currency\": \"USD\"}", 400, "invalid-field",
						"currency"),
				Arguments.of("{\"sku\": \"%s\", \"quantity\": 1000}", 400, "invalid-field", "quantity"));
	}

	@ParameterizedTest
	@MethodSource("badLines")
	void aBadLineIsRefusedAndTheCartStaysAsItWas(String body, int status, String type, String field) {
		web.api().post("/api/v1/carts/" + cart + "/lines", body.formatted(lamp)).expectProblem(status, type, field);
		JsonNode view = web.api().get("/api/v1/carts/" + cart).expect(200);
		assertThat(view.path("lines")).hasSize(1);
		assertThat(view.path("lines").get(0).path("quantity").asInt()).isEqualTo(1);
	}

	static Stream<Arguments> badCarts() {
		return Stream.of(
				Arguments.of("{\"currency\": \"EURO\", \"country\": \"PT\", \"anonymousId\": \"a\"}", "currency"),
				Arguments.of("{\"country\": \"PT\", \"anonymousId\": \"a\"}", "currency"),
				Arguments.of("{\"currency\": \"EUR\", \"country\": \"XX\", \"anonymousId\": \"a\"}", "country"),
				Arguments.of("{\"currency\": \"EUR\", \"anonymousId\": \"a\"}", "country"),
				Arguments.of("{\"currency\": \"EUR\", \"country\": \"PT\"}", "anonymousId"),
				Arguments.of("{\"currency\": \"EUR\", \"country\": \"PT\", \"email\": \"not-an-email\"}", "email"),
				Arguments.of("{\"currency\": \"EUR\", \"country\": \"PT\", \"profileId\": \"cus_nobody\"}",
						"profileId"));
	}

	@ParameterizedTest
	@MethodSource("badCarts")
	void aBadCartIsRefused(String body, String field) {
		long before = carts();
		web.api().post("/api/v1/carts", body).expectProblem(400, "invalid-field", field);
		assertThat(carts()).isEqualTo(before);
	}

	@Test
	void aChangedLineOrAnUnknownCartIsNamed() {
		web.api()
			.send("PUT", "/api/v1/carts/" + cart + "/lines/" + lamp,
					java.net.http.HttpRequest.BodyPublishers.ofString("{\"quantity\": 0}"), "Content-Type",
					"application/json")
			.expectProblem(400, "invalid-field", "quantity");
		web.api().delete("/api/v1/carts/" + cart + "/lines/OTHER").expectProblem(404, "not-found", "sku");
		web.api().get("/api/v1/carts/crt_nothing").expectProblem(404, "not-found");
		web.api().get("/api/v1/carts/" + cart + "?customer=nonsense").expectProblem(400, "invalid-field", "customer");
		web.api().get("/api/v1/orders/ord_nothing").expectProblem(404, "not-found");
		assertThat(web.api().get("/api/v1/carts/" + cart).expect(200).path("lines").get(0).path("quantity").asInt())
			.isEqualTo(1);
	}

	@Test
	void anExpiredCartIsGoneForChangesAndCheckout() {
		jdbc.sql("update cart set expires_at = now() - interval '1 second' where id = ?").param(cart).update();
		add(web, cart, lamp, 1).expectProblem(410, "cart-expired", "cartId");
		payByCard(web, cart).expectProblem(410, "cart-expired", "cartId");
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isZero();
	}

	@Test
	void checkoutNeedsAnIdempotencyKeyTheCartsCurrencyAndALine() {
		web.api()
			.post("/api/v1/carts/" + cart + "/checkout", "{\"payment\": {\"method\": \"pay-in-store\"}}")
			.expectProblem(400, "idempotency-key-invalid", "Idempotency-Key");
		web.api()
			.post("/api/v1/carts/" + cart + "/checkout",
					"{\"currency\": \"GBP\", \"payment\": {\"method\": \"pay-in-store\"}}", "Idempotency-Key",
					UUID.randomUUID().toString())
			.expectProblem(400, "invalid-field", "currency");
		checkout(web, cart, UUID.randomUUID().toString(), "{}").expectProblem(400, "invalid-field", "payment.method");
		String empty = anonymousCart(web, anonymousId()).path("id").asString();
		payByCard(web, empty).expectProblem(400, "invalid-field", "lines");
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isZero();
		assertThat(jdbc.sql("select count(*) from customer_order where cart_id in (?, ?)")
			.params(cart, empty)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aProductNoLongerSoldIsNamedAtCheckout() {
		backoffice()
			.send("PUT",
					"/api/v1/catalog/products/" + backoffice().get("/api/v1/catalog/search?sku=" + lamp)
						.expect(200)
						.path("data")
						.get(0)
						.path("id")
						.asString() + "/assortment",
					java.net.http.HttpRequest.BodyPublishers.ofString("{\"allChannels\": false, \"channels\": []}"),
					"Content-Type", "application/json")
			.expect(200);
		JsonNode view = web.api().get("/api/v1/carts/" + cart).expect(200);
		assertThat(view.path("changes").get(0).path("kind").asString()).isEqualTo("NOT_SELLABLE");
		payByCard(web, cart).expectProblem(409, "price-changed", "lines[0].sku");
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isZero();
	}

	@Test
	void aBadTillSaleIsRefusedAndNoStockMoves() {
		Shop store = store();
		receive(lamp, store.location(), 2);
		store.api()
			.post("/api/v1/till-sales",
					"{\"currency\": \"EUR\", \"lines\": [{\"sku\": \"%s\", \"quantity\": 0}]}".formatted(lamp))
			.expectProblem(400, "invalid-field", "lines[0].quantity");
		store.api()
			.post("/api/v1/till-sales", "{\"currency\": \"EUR\", \"lines\": []}")
			.expectProblem(400, "invalid-field", "lines");
		store.api()
			.post("/api/v1/till-sales",
					"{\"currency\": \"EURO\", \"lines\": [{\"sku\": \"%s\", \"quantity\": 1}]}".formatted(lamp))
			.expectProblem(400, "invalid-field", "currency");
		store.api()
			.post("/api/v1/till-sales",
					"""
							{"currency": "EUR", "customer": {"email": "nope"}, "lines": [{"sku": "%s", "quantity": 1}]}"""
						.formatted(lamp))
			.expectProblem(400, "invalid-field", "customer.email");
		assertThat(stock(lamp, store.location()).path("onHand").asInt()).isEqualTo(2);
	}

	private long carts() {
		return jdbc.sql("select count(*) from cart").query(Long.class).single();
	}

}
