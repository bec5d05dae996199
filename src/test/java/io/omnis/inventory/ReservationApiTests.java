package io.omnis.inventory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/reservations}: holding, adjusting, releasing, consuming and expiring,
 * with the traps other platforms fell into.
 */
class ReservationApiTests extends InventoryTestSupport {

	@Test
	void reservingBeyondWhatIsAvailableIsA409NamingTheSkuTheLocationAndWhatIsLeft() {
		Caller web = channel(ChannelType.WEB);
		String location = location(web.api());
		String sku = sku();
		receive(web.api(), sku, location, 3);

		Api.Response refused = web.api()
			.post("/api/v1/reservations", reservation("cart", List.of(line(sku, location, 4))));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.text("type")).isEqualTo("https://omnis.dev/problems/insufficient-stock");
		assertThat(refused.text("sku")).isEqualTo(sku);
		assertThat(refused.text("locationId")).isEqualTo(location);
		assertThat(refused.number("available")).isEqualTo(3);
		assertThat(refused.number("requested")).isEqualTo(4);
		assertThat(refused.errorField()).isEqualTo("lines[0].quantity");
		assertThat(stock(web.api(), sku, location).number("reserved")).isZero();
	}

	@Test
	void aCartIsHeldWholeOrNotAtAll() {
		Caller web = channel(ChannelType.WEB);
		String location = location(web.api());
		String plenty = sku();
		String scarce = sku();
		receive(web.api(), plenty, location, 10);
		receive(web.api(), scarce, location, 1);

		Api.Response refused = web.api()
			.post("/api/v1/reservations",
					reservation("cart", List.of(line(plenty, location, 2), line(scarce, location, 2))));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.errorField()).isEqualTo("lines[1].quantity");
		assertThat(stock(web.api(), plenty, location).number("reserved")).isZero();
		assertThat(ledgerTypes(web.api(), plenty, location)).containsExactly("RECEIPT");
	}

	@Test
	void consumingSellsAtTheLocationThatHoldsTheUnitsAndNowhereElse() {
		Caller web = channel(ChannelType.WEB);
		String lisbon = location(web.api());
		String porto = location(web.api());
		String sku = sku();
		receive(web.api(), sku, lisbon, 5);
		receive(web.api(), sku, porto, 5);
		String id = web.api()
			.post("/api/v1/reservations", reservation("order-1", List.of(line(sku, porto, 2))))
			.text("id");

		Api.Response consumed = web.api().post("/api/v1/reservations/" + id + "/consume", "");

		assertThat(consumed.text("status")).isEqualTo("CONSUMED");
		Api.Response atPorto = stock(web.api(), sku, porto);
		assertThat(atPorto.number("onHand")).isEqualTo(3);
		assertThat(atPorto.number("reserved")).isZero();
		Api.Response atLisbon = stock(web.api(), sku, lisbon);
		assertThat(atLisbon.number("onHand")).isEqualTo(5);
		assertThat(atLisbon.number("reserved")).isZero();
		assertThat(web.api().post("/api/v1/reservations/" + id + "/release", "").status()).isEqualTo(409);
		assertThat(web.api().post("/api/v1/reservations/" + id + "/consume", "").status()).isEqualTo(409);
	}

	@Test
	void oneOrderSplitAcrossTwoLocationsIsHeldAndSoldWhereEachLineIs() {
		Caller web = channel(ChannelType.WEB);
		String lisbon = location(web.api());
		String porto = location(web.api());
		String sku = sku();
		receive(web.api(), sku, lisbon, 2);
		receive(web.api(), sku, porto, 3);

		Api.Response split = web.api()
			.post("/api/v1/reservations", reservation("order-2", List.of(line(sku, lisbon, 2), line(sku, porto, 1))));
		web.api().post("/api/v1/reservations/" + split.text("id") + "/consume", "");

		assertThat(split.status()).isEqualTo(201);
		assertThat(stock(web.api(), sku, lisbon).number("onHand")).isZero();
		assertThat(stock(web.api(), sku, porto).number("onHand")).isEqualTo(2);
		assertThat(stock(web.api(), sku, porto).number("reserved")).isZero();
	}

	@Test
	void editingAReservationHoldsOrFreesOnlyTheDifference() {
		Caller web = channel(ChannelType.WEB);
		String location = location(web.api());
		String shirt = sku();
		String socks = sku();
		receive(web.api(), shirt, location, 4);
		receive(web.api(), socks, location, 4);
		String id = web.api()
			.post("/api/v1/reservations",
					reservation("cart", List.of(line(shirt, location, 3), line(socks, location, 1))))
			.text("id");

		// With 3 of 4 shirts held, holding the whole line again (4) would fail; the
		// difference (1) fits
		Api.Response adjusted = web.api()
			.post("/api/v1/reservations/" + id + "/adjust", Map.of("lines", List.of(line(shirt, location, 4))));

		assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);
		assertThat(stock(web.api(), shirt, location).number("reserved")).isEqualTo(4);
		assertThat(stock(web.api(), socks, location).number("reserved")).isZero();
		assertThat(reservedDeltas(web.api(), shirt, location)).containsExactly(3, 1);
		assertThat(reservedDeltas(web.api(), socks, location)).containsExactly(1, -1);
		assertThat(adjusted.json().path("lines").size()).isEqualTo(1);
	}

	@Test
	void bundlesSharingAComponentHoldItsSumOnOneLine() {
		Caller web = channel(ChannelType.WEB);
		String location = location(web.api());
		String component = sku();
		receive(web.api(), component, location, 3);

		Api.Response tooMany = web.api()
			.post("/api/v1/reservations",
					reservation("kit", List.of(line(component, location, 2), line(component, location, 2))));
		assertThat(tooMany.status()).isEqualTo(409);
		assertThat(tooMany.errorField()).isEqualTo("lines[0].quantity");

		Api.Response held = web.api()
			.post("/api/v1/reservations",
					reservation("kit", List.of(line(component, location, 2), line(component, location, 1))));
		assertThat(held.json().path("lines").size()).isEqualTo(1);
		assertThat(held.json().path("lines").path(0).path("quantity").asInt()).isEqualTo(3);
		assertThat(stock(web.api(), component, location).number("reserved")).isEqualTo(3);
	}

	@Test
	void releasingFreesTheUnitsOnceAndReservedNeverGoesNegative() {
		Caller web = channel(ChannelType.WEB);
		String location = location(web.api());
		String sku = sku();
		receive(web.api(), sku, location, 2);
		String id = web.api()
			.post("/api/v1/reservations", reservation("cart", List.of(line(sku, location, 2))))
			.text("id");

		assertThat(web.api().post("/api/v1/reservations/" + id + "/release", "").text("status")).isEqualTo("RELEASED");
		assertThat(web.api().post("/api/v1/reservations/" + id + "/release", "").status()).isEqualTo(200);

		assertThat(stock(web.api(), sku, location).number("reserved")).isZero();
		assertThat(reservedDeltas(web.api(), sku, location)).containsExactly(2, -2);
		assertThat(web.api()
			.post("/api/v1/reservations/" + id + "/adjust", Map.of("lines", List.of(line(sku, location, 1))))
			.status()).isEqualTo(409);
	}

	@Test
	void aRetriedReservationWithTheSameIdempotencyKeyHoldsOnce() {
		Caller web = channel(ChannelType.WEB);
		String location = location(web.api());
		String sku = sku();
		receive(web.api(), sku, location, 5);
		Object body = reservation("order-7", List.of(line(sku, location, 2)));

		Api.Response first = web.api().postOnce("/api/v1/reservations", body, "order-7-hold");
		Api.Response retry = web.api().postOnce("/api/v1/reservations", body, "order-7-hold");

		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.text("id")).isEqualTo(first.text("id"));
		assertThat(stock(web.api(), sku, location).number("reserved")).isEqualTo(2);
	}

	@Test
	void aRefusedReservationWithAnIdempotencyKeyRollsBackEverythingAndMayBeRetried() {
		Caller web = channel(ChannelType.WEB);
		String location = location(web.api());
		String plenty = sku();
		String scarce = sku();
		receive(web.api(), plenty, location, 5);
		Object body = reservation("order-8", List.of(line(plenty, location, 1), line(scarce, location, 1)));

		assertThat(web.api().postOnce("/api/v1/reservations", body, "order-8-hold").status()).isEqualTo(409);
		assertThat(stock(web.api(), plenty, location).number("reserved")).isZero();
		receive(web.api(), scarce, location, 1);

		assertThat(web.api().postOnce("/api/v1/reservations", body, "order-8-hold").status()).isEqualTo(201);
	}

	@Test
	void anAbandonedCartGivesItsStockBackByItself() throws InterruptedException {
		Caller web = channel(ChannelType.WEB);
		String location = location(web.api());
		String sku = sku();
		receive(web.api(), sku, location, 2);
		String id = web.api()
			.post("/api/v1/reservations",
					Map.of("reference", "cart", "kind", "CART", "ttlSeconds", 1, "lines",
							List.of(line(sku, location, 2))))
			.text("id");
		assertThat(stock(web.api(), sku, location).number("available")).isZero();

		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!web.api().get("/api/v1/reservations/" + id).text("status").equals("EXPIRED")
				&& System.nanoTime() < deadline) {
			Thread.sleep(100);
		}

		assertThat(web.api().get("/api/v1/reservations/" + id).text("status")).isEqualTo("EXPIRED");
		assertThat(stock(web.api(), sku, location).number("available")).isEqualTo(2);
		assertThat(web.api().post("/api/v1/reservations/" + id + "/consume", "").status()).isEqualTo(409);
	}

	@Test
	void aChannelNeitherSeesNorHoldsForAnotherChannel() {
		Caller web = channel(ChannelType.WEB);
		Caller app = channel(ChannelType.MOBILE_APP);
		String location = location(web.api());
		String sku = sku();
		receive(web.api(), sku, location, 2);
		String id = web.api()
			.post("/api/v1/reservations", reservation("cart", List.of(line(sku, location, 1))))
			.text("id");

		assertThat(app.api().get("/api/v1/reservations/" + id).status()).isEqualTo(404);
		assertThat(app.api().post("/api/v1/reservations/" + id + "/release", "").status()).isEqualTo(404);
		Api.Response forWeb = app.api()
			.post("/api/v1/reservations", Map.of("channelId", web.id().value(), "reference", "x", "kind", "CART",
					"lines", List.of(line(sku, location, 1))));
		assertThat(forWeb.status()).isEqualTo(403);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					zero quantity      | {"reference":"c","kind":"CART","lines":[{"sku":"SKU_X","locationId":"LOC_X","quantity":0}]}  | 400 | lines[0].quantity
					negative quantity  | {"reference":"c","kind":"CART","lines":[{"sku":"SKU_X","locationId":"LOC_X","quantity":-1}]} | 400 | lines[0].quantity
					unknown location   | {"reference":"c","kind":"CART","lines":[{"sku":"SKU_X","locationId":"loc_00000000000000000000000000","quantity":1}]} | 404 | lines[0].locationId
					unknown SKU        | {"reference":"c","kind":"CART","lines":[{"sku":"NEVER-STOCKED","locationId":"LOC_X","quantity":1}]} | 409 | lines[0].quantity
					beyond available   | {"reference":"c","kind":"CART","lines":[{"sku":"SKU_X","locationId":"LOC_X","quantity":6}]}  | 409 | lines[0].quantity
					no lines           | {"reference":"c","kind":"CART","lines":[]}  | 400 | lines
					missing reference  | {"kind":"CART","lines":[{"sku":"SKU_X","locationId":"LOC_X","quantity":1}]}  | 400 | reference
					ttl of zero        | {"reference":"c","kind":"CART","ttlSeconds":0,"lines":[{"sku":"SKU_X","locationId":"LOC_X","quantity":1}]}  | 400 | ttlSeconds
					unknown kind       | {"reference":"c","kind":"WISHLIST","lines":[{"sku":"SKU_X","locationId":"LOC_X","quantity":1}]}  | 400 | kind
					lines not a list   | {"reference":"c","kind":"CART","lines":"SKU_X"}  | 400 | lines
					malformed JSON     | {"reference":"c","kind":  | 400 |
					""")
	void badReservationsAreRefusedNamingTheFieldAndHoldNothing(String why, String body, int status, String field) {
		Caller web = channel(ChannelType.WEB);
		String location = location(web.api());
		String sku = sku();
		receive(web.api(), sku, location, 5);

		Api.Response refused = web.api()
			.post("/api/v1/reservations", body.replace("SKU_X", sku).replace("LOC_X", location));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(status);
		if (field != null) {
			assertThat(refused.errorField()).isEqualTo(field);
		}
		assertThat(stock(web.api(), sku, location).number("reserved")).isZero();
		assertThat(ledgerTypes(web.api(), sku, location)).containsExactly("RECEIPT");
	}

	static List<String> ledgerTypes(Api api, String sku, String location) {
		return entries(api, sku, location).stream().map(e -> e.path("type").asString()).toList();
	}

	static List<Integer> reservedDeltas(Api api, String sku, String location) {
		return entries(api, sku, location).stream()
			.filter(e -> e.path("reservedDelta").asInt() != 0)
			.map(e -> e.path("reservedDelta").asInt())
			.toList();
	}

	private static List<JsonNode> entries(Api api, String sku, String location) {
		JsonNode data = api.get("/api/v1/inventory/ledger?sku=" + sku + "&location=" + location).json().path("data");
		return data.valueStream().toList();
	}

}
