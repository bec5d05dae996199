package io.omnis.order;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Carts: lines at the price seen, changes reported and never applied silently, stock held
 * by the channel's policy and by the difference, an anonymous cart joining the customer's
 * cart, and the hand-over code to a till.
 */
class CartTests extends OrderFixtures {

	@Test
	void linesKeepThePriceSeenAndTotalsAddUp() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String bulb = product(prices, 350);
		String warehouse = warehouse();
		receive(lamp, warehouse, 10);
		receive(bulb, warehouse, 10);
		Shop web = channel(ChannelType.WEB);
		String cart = anonymousCart(web, anonymousId()).path("id").asString();
		assertThat(cart).startsWith("crt_");

		add(web, cart, lamp, 1).expect(200);
		add(web, cart, bulb, 2).expect(200);
		JsonNode view = add(web, cart, bulb, 1).expect(200);

		assertThat(view.path("lines")).hasSize(2);
		assertThat(view.path("lines").get(1).path("quantity").asInt()).isEqualTo(3);
		assertThat(view.path("total").path("amount").asLong()).isEqualTo(4990 + 3 * 350);
		assertThat(view.path("lines").get(0).path("unitTax").path("amount").asLong()).isEqualTo(933); // 23
																										// %
																										// inclusive
		assertThat(view.path("changes")).isEmpty();

		view = web.api()
			.send("PUT", "/api/v1/carts/" + cart + "/lines/" + bulb,
					java.net.http.HttpRequest.BodyPublishers.ofString("{\"quantity\": 1}"), "Content-Type",
					"application/json")
			.expect(200);
		assertThat(view.path("lines").get(1).path("quantity").asInt()).isEqualTo(1);
		view = web.api().delete("/api/v1/carts/" + cart + "/lines/" + lamp).expect(200);
		assertThat(view.path("lines")).hasSize(1);
		assertThat(view.path("total").path("amount").asLong()).isEqualTo(350);
	}

	@Test
	void aNewPriceIsReportedNeverAppliedAndCheckoutWaitsUntilTheCustomerAcceptsIt() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String bulb = product(prices, 350);
		String warehouse = warehouse();
		receive(lamp, warehouse, 5);
		receive(bulb, warehouse, 5);
		Shop web = channel(ChannelType.WEB);
		String cart = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, cart, lamp, 1).expect(200);
		add(web, cart, bulb, 1).expect(200);

		price(prices, lamp, 5490);

		JsonNode view = web.api().get("/api/v1/carts/" + cart).expect(200);
		assertThat(view.path("lines").get(0).path("unitPrice").path("amount").asLong()).isEqualTo(4990);
		assertThat(view.path("changes")).hasSize(1);
		assertThat(view.path("changes").get(0).path("kind").asString()).isEqualTo("PRICE");
		assertThat(view.path("changes").get(0).path("current").path("amount").asLong()).isEqualTo(5490);

		JsonNode refused = payByCard(web, cart).expectProblem(409, "price-changed", "lines[0].unitPrice");
		assertThat(refused.path("changes").get(0).path("sku").asString()).isEqualTo(lamp);
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isZero();
		assertThat(web.api().get("/api/v1/carts/" + cart).expect(200).path("status").asString()).isEqualTo("OPEN");

		view = web.api().post("/api/v1/carts/" + cart + "/accept-changes", "").expect(200);
		assertThat(view.path("changes")).isEmpty();
		assertThat(view.path("total").path("amount").asLong()).isEqualTo(5490 + 350);
		JsonNode order = payByCard(web, cart).expect(201);
		assertThat(order.path("total").path("amount").asLong()).isEqualTo(5490 + 350);
	}

	@Test
	void aShortageIsReportedInTheCart() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String warehouse = warehouse();
		receive(lamp, warehouse, 3);
		Shop web = channel(ChannelType.WEB);
		String cart = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, cart, lamp, 3).expect(200);
		backoffice()
			.post("/api/v1/inventory/movements",
					"""
							{"type": "ADJUSTMENT", "sku": "%s", "locationId": "%s", "quantity": -2}""".formatted(lamp,
							warehouse))
			.expect(201);

		JsonNode change = web.api().get("/api/v1/carts/" + cart).expect(200).path("changes").get(0);
		assertThat(change.path("kind").asString()).isEqualTo("AVAILABILITY");
		assertThat(change.path("available").asInt()).isEqualTo(1);
		payByCard(web, cart).expectProblem(409, "insufficient-stock", "lines[0].quantity");
	}

	@Test
	void aTillCartCountsItsStoresShelvesOnlyAndAWebCartTheWholeNetwork() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String bulb = product(prices, 350);
		Shop store = store();
		String warehouse = warehouse();
		receive(lamp, store.location(), 1);
		receive(lamp, warehouse, 5);
		receive(bulb, warehouse, 4);
		String till = anonymousCart(store, anonymousId()).path("id").asString();
		add(store, till, lamp, 1).expect(200);
		Shop web = channel(ChannelType.WEB);
		String online = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, online, lamp, 3).expect(200);
		add(web, online, bulb, 4).expect(200);
		backoffice()
			.post("/api/v1/inventory/movements",
					"""
							{"type": "ADJUSTMENT", "sku": "%s", "locationId": "%s", "quantity": -1}""".formatted(lamp,
							store.location()))
			.expect(201);

		// The warehouse's 5 lamps are not on the store's shelves
		JsonNode change = store.api().get("/api/v1/carts/" + till).expect(200).path("changes").get(0);
		assertThat(change.path("kind").asString()).isEqualTo("AVAILABILITY");
		assertThat(change.path("available").asInt()).isZero();
		// Online, every location counts: 5 lamps, 4 bulbs, enough for both lines
		assertThat(web.api().get("/api/v1/carts/" + online).expect(200).path("changes")).isEmpty();
		web.api()
			.send("PUT", "/api/v1/carts/" + online + "/lines/" + bulb,
					java.net.http.HttpRequest.BodyPublishers.ofString("{\"quantity\": 5}"), "Content-Type",
					"application/json")
			.expect(200);
		change = web.api().get("/api/v1/carts/" + online).expect(200).path("changes").get(0);
		assertThat(change.path("sku").asString()).isEqualTo(bulb);
		assertThat(change.path("available").asInt()).isEqualTo(4);
	}

	@Test
	void aChannelThatReservesOnAddHoldsByTheDifferenceAcrossLocations() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String north = warehouse();
		String south = warehouse();
		receive(lamp, north, 2);
		receive(lamp, south, 2);
		Shop app = reservingOnAdd(20);
		String cart = anonymousCart(app, anonymousId()).path("id").asString();

		JsonNode view = add(app, cart, lamp, 3).expect(200);
		String reservation = view.path("reservationId").asString();
		assertThat(reservation).startsWith("res_");
		// Three units need both warehouses: held at both, not promised at one
		assertThat(reserved(lamp, north) + reserved(lamp, south)).isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from reservation_line where reservation_id = ?")
			.param(reservation)
			.query(Integer.class)
			.single()).isEqualTo(2);

		add(app, cart, lamp, 2).expectProblem(409, "insufficient-stock", "lines[0].quantity");
		assertThat(reserved(lamp, north) + reserved(lamp, south)).isEqualTo(3);

		view = app.api()
			.send("PUT", "/api/v1/carts/" + cart + "/lines/" + lamp,
					java.net.http.HttpRequest.BodyPublishers.ofString("{\"quantity\": 1}"), "Content-Type",
					"application/json")
			.expect(200);
		assertThat(view.path("reservationId").asString()).isEqualTo(reservation);
		assertThat(reserved(lamp, north) + reserved(lamp, south)).isEqualTo(1);
		// The ledger shows releases of the surplus only, no release and re-reserve of the
		// whole line
		JsonNode ledger = backoffice().get("/api/v1/inventory/ledger?sku=" + lamp + "&location=" + north)
			.expect(200)
			.path("data");
		List<String> types = new ArrayList<>();
		ledger.forEach(movement -> types.add(movement.path("type").asString()));
		assertThat(types.stream().filter("RESERVE"::equals)).hasSize(1);

		app.api().delete("/api/v1/carts/" + cart + "/lines/" + lamp).expect(200);
		assertThat(reserved(lamp, north) + reserved(lamp, south)).isZero();
	}

	@Test
	void anAnonymousCartJoinsTheCustomersOpenCartWhenSheIdentifies() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String bulb = product(prices, 350);
		String warehouse = warehouse();
		receive(lamp, warehouse, 10);
		receive(bulb, warehouse, 10);
		Shop web = channel(ChannelType.WEB);
		Shop app = channel(ChannelType.MOBILE_APP);
		String user = "u-" + java.util.UUID.randomUUID();
		String hers = newCart(app, "\"userId\": \"" + user + "\"").path("id").asString();
		add(app, hers, lamp, 1).expect(200);
		String anonymous = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, anonymous, lamp, 1).expect(200);
		add(web, anonymous, bulb, 2).expect(200);

		JsonNode joined = web.api()
			.post("/api/v1/carts/" + anonymous + "/identify", "{\"userId\": \"" + user + "\"}")
			.expect(200);

		assertThat(joined.path("id").asString()).isEqualTo(hers);
		assertThat(joined.path("lines")).hasSize(2);
		assertThat(joined.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
		assertThat(joined.path("customerIds").toString()).contains("user_id:" + user, "anonymous_id:");
		JsonNode merged = web.api().get("/api/v1/carts/" + anonymous).expect(200);
		assertThat(merged.path("status").asString()).isEqualTo("MERGED");
		assertThat(merged.path("mergedInto").asString()).isEqualTo(hers);
		add(web, anonymous, bulb, 1).expectProblem(409, "conflict", "cartId");
		assertThat(app.api().get("/api/v1/carts?customer=user_id:" + user).expect(200).path("id").asString())
			.isEqualTo(hers);
	}

	@Test
	void someoneElsesCartIsNeitherShownNorTakenOver() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		receive(lamp, warehouse(), 5);
		Shop web = channel(ChannelType.WEB);
		String ana = "ana-" + java.util.UUID.randomUUID() + "@example.com";
		String cart = newCart(web, "\"email\": \"" + ana + "\"").path("id").asString();
		add(web, cart, lamp, 1).expect(200);

		web.api().get("/api/v1/carts/" + cart + "?customer=email:bruno@example.com").expectProblem(404, "not-found");
		web.api()
			.post("/api/v1/carts/" + cart + "/identify", "{\"email\": \"bruno@example.com\"}")
			.expectProblem(404, "not-found");
		add(web, cart, lamp, 1).expect(200); // the cart itself is unchanged and still
												// hers
		JsonNode view = web.api().get("/api/v1/carts/" + cart + "?customer=email:" + ana).expect(200);
		assertThat(view.path("customerIds").toString()).doesNotContain("bruno");
		assertThat(view.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
	}

	@Test
	void aHandoverCodeWorksOnceAtAStoresTillAndShowsAsAQrCode() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		Shop store = store();
		receive(lamp, store.location(), 4);
		Shop app = channel(ChannelType.MOBILE_APP);
		String cart = anonymousCart(app, anonymousId()).path("id").asString();
		add(app, cart, lamp, 2).expect(200);

		JsonNode handover = app.api().post("/api/v1/carts/" + cart + "/handover", "").expect(201);
		String code = handover.path("code").asString();
		assertThat(code).matches("[A-HJ-NP-Z2-9]{8}");
		String qr = app.api().get(handover.path("qrCode").asString()).text();
		assertThat(qr).startsWith("<?xml").contains("<svg", "<path d=\"M");
		// A new code replaces the old one
		String second = app.api().post("/api/v1/carts/" + cart + "/handover", "").expect(201).path("code").asString();
		store.api().post("/api/v1/carts/handover/" + code, "").expectProblem(404, "not-found", "code");

		channel(ChannelType.WEB).api()
			.post("/api/v1/carts/handover/" + second, "")
			.expectProblem(403, "forbidden", "channel");
		JsonNode taken = store.api().post("/api/v1/carts/handover/" + second.toLowerCase(), "").expect(200);
		assertThat(taken.path("id").asString()).isEqualTo(cart);
		assertThat(taken.path("channelId").asString()).isEqualTo(store.id());
		store.api().post("/api/v1/carts/handover/" + second, "").expectProblem(404, "not-found", "code");

		JsonNode order = payByCard(store, cart).expect(201);
		assertThat(order.path("locationId").asString()).isEqualTo(store.location());
		assertThat(stock(lamp, store.location()).path("reserved").asInt()).isEqualTo(2);
	}

	private int reserved(String sku, String location) {
		return stock(sku, location).path("reserved").asInt();
	}

}
