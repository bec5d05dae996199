package io.omnis.order;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Poll;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web or app order that says how it reaches the customer is routed when paid, and from
 * then on its stock is held by the fulfilment's reservation only: never twice, never lost
 * in between, consumed by the work queue, let go by cancellation.
 */
class RoutedOrderTests extends OrderFixtures {

	private static final double LAT = 38.72;

	private static final double LON = -9.14;

	private static final String SHIP = """
			{"method": "SHIP", "destination": {"latitude": %s, "longitude": %s}}""".formatted(LAT, LON);

	/** A warehouse {@code km} north of the customer. */
	private String warehouse(double km) {
		return backoffice()
			.post("/api/v1/locations",
					"""
							{"name": "%s", "type": "WAREHOUSE", "address": {"line1": "Rua 1", "city": "Lisboa", "country": "PT"},
							 "coordinates": {"latitude": %s, "longitude": %s}, "timeZone": "Europe/Lisbon",
							 "capabilities": ["SHIPS"]}"""
						.formatted(unique("Warehouse"), LAT + km / 111.195, LON))
			.expect(201)
			.path("id")
			.asString();
	}

	/** A web shop or app whose key may also read its fulfilments and reservations. */
	private Shop shop(ChannelType type) {
		java.util.Set<Permission> scopes = java.util.EnumSet.copyOf(CHANNEL_SCOPES);
		scopes.add(Permission.INVENTORY_READ);
		scopes.add(Permission.RESERVATIONS_WRITE);
		Channels.Created created = channels.create(type, unique(type.name()), null, scopes);
		return new Shop(created.channel().id().value(), bearer(secretOf(created)), writeKeyOf(created));
	}

	private static Answer checkout(Shop shop, String cart, String fulfilment) {
		return shop.api()
			.post("/api/v1/carts/" + cart + "/checkout",
					"{\"payment\": {\"method\": \"test-card\", \"cardNumber\": \"4242 4242 4242 4242\"}, \"fulfilment\": "
							+ fulfilment + "}",
					"Idempotency-Key", UUID.randomUUID().toString());
	}

	private String cartWith(Shop shop, String sku, int quantity) {
		String cart = anonymousCart(shop, anonymousId()).path("id").asString();
		add(shop, cart, sku, quantity).expect(200);
		return cart;
	}

	private int reserved(String sku, String location) {
		return stock(sku, location).path("reserved").asInt();
	}

	private int onHand(String sku, String location) {
		return stock(sku, location).path("onHand").asInt();
	}

	/** The one task of the location (each test has locations of its own). */
	private JsonNode task(String location) {
		JsonNode tasks = backoffice().get("/api/v1/fulfilment/locations/" + location + "/tasks")
			.expect(200)
			.path("data");
		assertThat(tasks.size()).as("open tasks at " + location + ": " + tasks).isEqualTo(1);
		return tasks.get(0);
	}

	@Test
	void aPaidWebOrderIsRoutedAndItsUnitsAreReservedOnceWhereTheDecisionPutThem() {
		String lamp = product(priceList(), 1990);
		String near = warehouse(10);
		String far = warehouse(900);
		// The checkout hold goes where the most units are (far); routing prefers near
		receive(lamp, near, 3);
		receive(lamp, far, 8);
		Shop web = shop(ChannelType.WEB);

		JsonNode order = checkout(web, cartWith(web, lamp, 2), SHIP).expect(201);

		assertThat(order.path("status").asString()).isEqualTo("ALLOCATED");
		assertThat(reserved(lamp, near)).isEqualTo(2);
		assertThat(reserved(lamp, far)).isZero();
		JsonNode task = task(near);
		assertThat(task.path("kind").asString()).isEqualTo("PICK");
		JsonNode fulfilment = web.api().get("/api/v1/fulfilments/" + task.path("fulfilmentId").asString()).expect(200);
		assertThat(fulfilment.path("reference").asString()).isEqualTo(order.path("id").asString());
		// The order's reservation is the fulfilment's: one hold, the checkout one let go
		assertThat(order.path("reservationId").asString()).isEqualTo(fulfilment.path("reservationId").asString());
		assertThat(web.api().get("/api/v1/orders/" + order.path("id").asString()).expect(200).path("status").asString())
			.isEqualTo("ALLOCATED");
	}

	@Test
	void aCartHoldingTheLastUnitChecksOutAndIsRoutedToWhereThatUnitIs() {
		String lamp = product(priceList(), 1990);
		String only = warehouse(20);
		receive(lamp, only, 1);
		Shop app = shop(ChannelType.MOBILE_APP);

		JsonNode order = checkout(app, cartWith(app, lamp, 1), SHIP).expect(201);

		assertThat(order.path("status").asString()).isEqualTo("ALLOCATED");
		assertThat(reserved(lamp, only)).isEqualTo(1);
		assertThat(task(only).path("items").get(0).path("quantity").asInt()).isEqualTo(1);
	}

	@Test
	void handingOverTheLastLineFulfilsTheOrderAndSellsTheStockWhereItWasHeldOnly() {
		String lamp = product(priceList(), 1990);
		String near = warehouse(10);
		String far = warehouse(900);
		receive(lamp, near, 3);
		receive(lamp, far, 8);
		Shop web = shop(ChannelType.WEB);
		String id = checkout(web, cartWith(web, lamp, 2), SHIP).expect(201).path("id").asString();
		// A routed order is fulfilled by its work queue, not by hand
		backoffice().post("/api/v1/orders/" + id + "/fulfil", "").expectProblem(409, "conflict");

		String pick = task(near).path("id").asString();
		backoffice().post("/api/v1/fulfilment/tasks/" + pick + "/scans", "{\"barcode\": \"" + lamp + "\"}").expect(200);
		backoffice().post("/api/v1/fulfilment/tasks/" + pick + "/scans", "{\"barcode\": \"" + lamp + "\"}").expect(200);
		String parcel = backoffice()
			.post("/api/v1/fulfilment/tasks/" + task(near).path("id").asString() + "/parcels",
					"{\"parcels\": [{\"items\": [{\"sku\": \"" + lamp
							+ "\", \"quantity\": 2}], \"weightGrams\": 1200}]}")
			.expect(200)
			.get(0)
			.path("id")
			.asString();
		assertThat(web.api().get("/api/v1/orders/" + id).expect(200).path("status").asString()).isEqualTo("ALLOCATED");
		backoffice().post("/api/v1/fulfilment/parcels/" + parcel + "/ship",
				"{\"carrier\": \"manual\", \"trackingNumber\": \"TRK2\", \"trackingUrl\": \"https://track.example/TRK2\"}")
			.expect(200);

		JsonNode fulfilled = Poll.until(Duration.ofSeconds(10), () -> web.api().get("/api/v1/orders/" + id).expect(200),
				o -> o.path("status").asString().equals("FULFILLED"));
		assertThat(fulfilled.path("fulfilledAt").isNull()).isFalse();
		assertThat(onHand(lamp, near)).isEqualTo(1);
		assertThat(reserved(lamp, near)).isZero();
		assertThat(onHand(lamp, far)).isEqualTo(8);
		assertThat(reserved(lamp, far)).isZero();
		backoffice().post("/api/v1/orders/" + id + "/complete", "").expect(200);
	}

	@Test
	void cancellingARoutedOrderLetsGoOfTheStockAtTheRoutedLocation() {
		String lamp = product(priceList(), 1990);
		String near = warehouse(10);
		String far = warehouse(900);
		receive(lamp, near, 3);
		receive(lamp, far, 8);
		Shop web = shop(ChannelType.WEB);
		String id = checkout(web, cartWith(web, lamp, 2), SHIP).expect(201).path("id").asString();
		assertThat(reserved(lamp, near)).isEqualTo(2);

		JsonNode cancelled = web.api()
			.post("/api/v1/orders/" + id + "/cancel", "{\"reason\": \"changed her mind\"}")
			.expect(200);

		assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
		assertThat(reserved(lamp, near)).isZero();
		assertThat(reserved(lamp, far)).isZero();
		assertThat(onHand(lamp, near)).isEqualTo(3);
		assertThat(onHand(lamp, far)).isEqualTo(8);
		// Nobody is asked to pick a cancelled order
		assertThat(backoffice().get("/api/v1/fulfilment/locations/" + near + "/tasks").expect(200).path("data").size())
			.isZero();
	}

	@Test
	void anOrderPaidLaterIsRoutedWhenPaidAndHeldOnceInTheStoreTheCustomerChose() {
		String lamp = product(priceList(), 1990);
		String store = location("STORE", null);
		receive(lamp, store, 1);
		Shop web = shop(ChannelType.WEB);
		String cart = cartWith(web, lamp, 1);
		JsonNode placed = web.api()
			.post("/api/v1/carts/" + cart + "/checkout",
					"{\"payment\": {\"method\": \"pay-in-store\"}, \"fulfilment\": {\"method\": \"PICKUP\", "
							+ "\"pickupLocationId\": \"" + store + "\"}}",
					"Idempotency-Key", UUID.randomUUID().toString())
			.expect(201);
		assertThat(placed.path("status").asString()).isEqualTo("PLACED");
		assertThat(reserved(lamp, store)).isEqualTo(1);
		// Not routed until paid: the answer says how, and no fulfilment yet
		assertThat(placed.path("fulfilment").path("method").asString()).isEqualTo("PICKUP");
		assertThat(placed.path("fulfilment").path("fulfilmentId").isNull()).isTrue();

		JsonNode paid = web.api()
			.post("/api/v1/orders/" + placed.path("id").asString() + "/pay", "{\"method\": \"pay-in-store\"}")
			.expect(200);

		assertThat(paid.path("status").asString()).isEqualTo("ALLOCATED");
		assertThat(paid.path("fulfilment").path("fulfilmentId").asString()).startsWith("ful_");
		assertThat(paid.path("reservationId").asString()).isNotEqualTo(placed.path("reservationId").asString());
		assertThat(reserved(lamp, store)).isEqualTo(1);
		assertThat(web.api()
			.get("/api/v1/reservations/" + placed.path("reservationId").asString())
			.expect(200)
			.path("status")
			.asString()).isEqualTo("RELEASED");
	}

	@Test
	void aRejectedLineReroutedKeepsTheOrderHeldOnceAtItsNewLocation() {
		String lamp = product(priceList(), 1990);
		String near = warehouse(10);
		String far = warehouse(900);
		receive(lamp, near, 3);
		receive(lamp, far, 8);
		Shop web = shop(ChannelType.WEB);
		JsonNode order = checkout(web, cartWith(web, lamp, 2), SHIP).expect(201);
		String id = order.path("id").asString();

		JsonNode reroute = backoffice()
			.post("/api/v1/fulfilment/tasks/" + task(near).path("id").asString() + "/missing",
					"{\"sku\": \"" + lamp + "\", \"reason\": \"NOT_FOUND\"}")
			.expect(200);

		assertThat(reroute.path("from").asString()).isEqualTo(near);
		assertThat(reserved(lamp, near)).isZero();
		assertThat(reserved(lamp, far)).isEqualTo(2);
		JsonNode now = web.api().get("/api/v1/orders/" + id).expect(200);
		assertThat(now.path("status").asString()).isEqualTo("ALLOCATED");
		// Still the one reservation, moved: cancelling lets go of the units where they
		// are now
		assertThat(now.path("reservationId").asString()).isEqualTo(order.path("reservationId").asString());
		web.api().post("/api/v1/orders/" + id + "/cancel", "{}").expect(200);
		assertThat(reserved(lamp, far)).isZero();
		assertThat(reserved(lamp, near)).isZero();
	}

	@Test
	void badFulfilmentInstructionsAreRefusedNamingTheFieldAndKeepNothing() {
		String lamp = product(priceList(), 1990);
		String only = warehouse(20);
		receive(lamp, only, 2);
		Shop web = shop(ChannelType.WEB);
		String cart = cartWith(web, lamp, 1);

		checkout(web, cart, "{\"method\": \"BOAT\"}").expectProblem(400, "invalid-field", "fulfilment.method");
		checkout(web, cart, "{\"method\": \"SHIP\"}").expectProblem(400, "invalid-field",
				"fulfilment.destination.latitude");
		checkout(web, cart, "{\"method\": \"SHIP\", \"destination\": {\"latitude\": 38, \"longitude\": 200}}")
			.expectProblem(400, "invalid-field", "fulfilment.destination.longitude");
		checkout(web, cart, "{\"method\": \"PICKUP\"}").expectProblem(400, "invalid-field",
				"fulfilment.pickupLocationId");

		assertThat(reserved(lamp, only)).isZero();
		assertThat(checkout(web, cart, SHIP).expect(201).path("status").asString()).isEqualTo("ALLOCATED");
	}

	@Test
	void anOrderThatCannotBeRoutedStaysPaidWithItsCheckoutHold() {
		String lamp = product(priceList(), 1990);
		// A store that cannot ship: the checkout may hold there, routing finds nowhere to
		// ship from
		String noShips = backoffice().post("/api/v1/locations", """
				{"name": "%s", "type": "STORE", "address": {"line1": "Rua 1", "city": "Lisboa", "country": "PT"},
				 "coordinates": {"latitude": 38.72, "longitude": -9.14}, "timeZone": "Europe/Lisbon",
				 "capabilities": ["PICKUP"]}""".formatted(unique("Store"))).expect(201).path("id").asString();
		receive(lamp, noShips, 2);
		Shop web = shop(ChannelType.WEB);

		JsonNode order = checkout(web, cartWith(web, lamp, 1), SHIP).expect(201);

		assertThat(order.path("status").asString()).isEqualTo("PAID");
		assertThat(reserved(lamp, noShips)).isEqualTo(1);
		JsonNode reservation = web.api()
			.get("/api/v1/reservations/" + order.path("reservationId").asString())
			.expect(200);
		assertThat(reservation.path("status").asString()).isEqualTo("HELD");
		String id = order.path("id").asString();
		backoffice().post("/api/v1/orders/" + id + "/route", "").expectProblem(409, "conflict");
		assertThat(reserved(lamp, noShips)).isEqualTo(1);

		// Stock arrives where it can be shipped from: routed again, held there only
		String warehouse = warehouse(15);
		receive(lamp, warehouse, 1);
		JsonNode routed = backoffice().post("/api/v1/orders/" + id + "/route", "").expect(200);

		assertThat(routed.path("status").asString()).isEqualTo("ALLOCATED");
		assertThat(reserved(lamp, warehouse)).isEqualTo(1);
		assertThat(reserved(lamp, noShips)).isZero();
		backoffice().post("/api/v1/orders/" + id + "/route", "").expectProblem(409, "conflict");
	}

}
