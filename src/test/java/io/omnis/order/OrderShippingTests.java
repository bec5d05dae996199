package io.omnis.order;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
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
 * Where an order is, as every channel reads it: the fulfilment's stage, the parcels with
 * their carrier and tracking link, the store she collects from; the order completed when
 * every parcel is delivered; and units no location can serve owed back to her instead of
 * left waiting.
 */
class OrderShippingTests extends OrderFixtures {

	@org.springframework.beans.factory.annotation.Autowired
	io.omnis.conversation.OrderStatusLookup lookup;

	private static final double LAT = 38.72;

	private static final double LON = -9.14;

	private static final String SHIP = """
			{"method": "SHIP", "destination": {"latitude": %s, "longitude": %s}}""".formatted(LAT, LON);

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

	private Shop shop() {
		Set<Permission> scopes = EnumSet.copyOf(CHANNEL_SCOPES);
		Channels.Created created = channels.create(ChannelType.WEB, unique("Web"), null, scopes);
		return new Shop(created.channel().id().value(), bearer(secretOf(created)), writeKeyOf(created));
	}

	private static Answer checkout(Shop shop, String cart, String fulfilment) {
		return shop.api()
			.post("/api/v1/carts/" + cart + "/checkout",
					"{\"payment\": {\"method\": \"test-card\", \"cardNumber\": \"4242 4242 4242 4242\"}, \"fulfilment\": "
							+ fulfilment + "}",
					"Idempotency-Key", UUID.randomUUID().toString());
	}

	private String cart(Shop shop, String email, String... skus) {
		String cart = newCart(shop, "\"email\": \"" + email + "\"").path("id").asString();
		for (String sku : skus) {
			add(shop, cart, sku, 1).expect(200);
		}
		return cart;
	}

	private JsonNode task(String location, String kind) {
		for (JsonNode t : backoffice().get("/api/v1/fulfilment/locations/" + location + "/tasks")
			.expect(200)
			.path("data")) {
			if (t.path("kind").asString().equals(kind)) {
				return t;
			}
		}
		throw new AssertionError("No open " + kind + " task at " + location);
	}

	/** Picks, packs into one parcel and ships what the location was given. */
	private String pickPackShip(String location, String sku, int units) {
		String pick = task(location, "PICK").path("id").asString();
		for (int i = 0; i < units; i++) {
			backoffice().post("/api/v1/fulfilment/tasks/" + pick + "/scans", "{\"barcode\": \"" + sku + "\"}")
				.expect(200);
		}
		String parcel = backoffice()
			.post("/api/v1/fulfilment/tasks/" + task(location, "PACK").path("id").asString() + "/parcels",
					"{\"parcels\": [{\"items\": [{\"sku\": \"%s\", \"quantity\": %d}], \"weightGrams\": 750}]}"
						.formatted(sku, units))
			.expect(200)
			.get(0)
			.path("id")
			.asString();
		backoffice()
			.post("/api/v1/fulfilment/parcels/" + parcel + "/ship",
					"""
							{"carrier": "manual", "trackingNumber": "CT%s", "trackingUrl": "https://track.example/CT%s"}"""
						.formatted(parcel.substring(4, 14), parcel.substring(4, 14)))
			.expect(200);
		return parcel;
	}

	private JsonNode status(Shop shop, String order) {
		return shop.api().get("/api/v1/orders/" + order + "/status").expect(200);
	}

	private JsonNode pollStatus(Shop shop, String order, String orderStatus) {
		return Poll.until(Duration.ofSeconds(15), () -> status(shop, order),
				s -> s.path("status").asString().equals(orderStatus));
	}

	private long published(String kind, String reference) {
		return jdbc.sql("""
				select count(*) from event_publication
				 where serialized_event like :kind and serialized_event like :reference""")
			.param("kind", "%\"" + kind + "\"%")
			.param("reference", "%" + reference + "%")
			.query(Long.class)
			.single();
	}

	@Test
	void everyChannelSeesTheParcelsWithTheirTrackingLinksAndEveryParcelDeliveredCompletesTheOrder() {
		String lamp = product(priceList(), 1990);
		String near = warehouse(10);
		receive(lamp, near, 2);
		Shop web = shop();
		String email = "ines-" + UUID.randomUUID() + "@example.com";
		JsonNode placed = checkout(web, cart(web, email, lamp), SHIP).expect(201);
		String order = placed.path("id").asString();

		JsonNode routed = status(web, order);
		assertThat(routed.path("status").asString()).isEqualTo("ALLOCATED");
		assertThat(routed.path("delivery").path("method").asString()).isEqualTo("SHIP");
		// The order's own answer names the fulfilment serving it, at checkout and after
		String fulfilment = routed.path("delivery").path("fulfilmentId").asString();
		assertThat(fulfilment).startsWith("ful_");
		assertThat(placed.path("fulfilment").path("fulfilmentId").asString()).isEqualTo(fulfilment);
		assertThat(placed.path("fulfilment").path("method").asString()).isEqualTo("SHIP");
		assertThat(placed.path("fulfilment").path("status").asString())
			.isEqualTo("/api/v1/orders/" + order + "/status");
		assertThat(
				web.api().get("/api/v1/orders/" + order).expect(200).path("fulfilment").path("fulfilmentId").asString())
			.isEqualTo(fulfilment);
		assertThat(web.api()
			.get("/api/v1/customers/email:" + email + "/orders")
			.expect(200)
			.path("data")
			.get(0)
			.path("fulfilment")
			.path("fulfilmentId")
			.asString()).isEqualTo(fulfilment);
		assertThat(routed.path("delivery").path("stage").asString()).isEqualTo("PICKING");
		assertThat(routed.path("delivery").path("shipsFrom").get(0).path("id").asString()).isEqualTo(near);
		assertThat(routed.path("delivery").path("parcels").size()).isZero();

		String parcel = pickPackShip(near, lamp, 1);

		JsonNode shipped = pollStatus(web, order, "FULFILLED");
		assertThat(shipped.path("delivery").path("stage").asString()).isEqualTo("SHIPPED");
		JsonNode view = shipped.path("delivery").path("parcels").get(0);
		assertThat(view.path("id").asString()).isEqualTo(parcel);
		assertThat(view.path("status").asString()).isEqualTo("SHIPPED");
		assertThat(view.path("carrier").asString()).isEqualTo("manual");
		assertThat(view.path("trackingUrl").asString()).startsWith("https://track.example/CT");
		assertThat(view.path("history").findValuesAsString("status")).containsExactly("PACKED", "SHIPPED");
		// Who entered a status stays with the staff
		assertThat(view.path("history").get(0).has("actor")).isFalse();

		backoffice().post("/api/v1/fulfilment/parcels/" + parcel + "/status", "{\"status\": \"IN_TRANSIT\"}")
			.expect(200);
		backoffice().post("/api/v1/fulfilment/parcels/" + parcel + "/status", "{\"status\": \"DELIVERED\"}")
			.expect(200);

		JsonNode completed = pollStatus(web, order, "COMPLETED");
		assertThat(completed.path("delivery").path("stage").asString()).isEqualTo("DELIVERED");
		assertThat(completed.path("delivery").path("parcels").get(0).path("status").asString()).isEqualTo("DELIVERED");
		// Each step of the parcel is on her timeline (through the event publication
		// registry)
		assertThat(published("parcel.shipped", parcel)).isEqualTo(1);
		assertThat(published("parcel.in-transit", parcel)).isEqualTo(1);
		assertThat(published("parcel.delivered", parcel)).isEqualTo(1);
		// The assistant's "where is my order" gives her the tracking link
		assertThat(lookup.find(order, email).orElseThrow().trackingUrl()).startsWith("https://track.example/CT");
		// And the channels list it with her other orders
		JsonNode hers = web.api().get("/api/v1/customers/email:" + email + "/order-statuses").expect(200);
		assertThat(hers.path("data").get(0).path("orderId").asString()).isEqualTo(order);
		assertThat(hers.path("data").get(0).path("delivery").path("stage").asString()).isEqualTo("DELIVERED");
	}

	@Test
	void anotherCustomersOrderStatusIsNotFound() {
		String lamp = product(priceList(), 1990);
		receive(lamp, warehouse(12), 1);
		Shop web = shop();
		String email = "joana-" + UUID.randomUUID() + "@example.com";
		String order = checkout(web, cart(web, email, lamp), SHIP).expect(201).path("id").asString();

		web.api()
			.get("/api/v1/orders/" + order + "/status?customer=email:someone-else-" + UUID.randomUUID()
					+ "@example.com")
			.expectProblem(404, "not-found");
		assertThat(web.api()
			.get("/api/v1/orders/" + order + "/status?customer=email:" + email)
			.expect(200)
			.path("orderId")
			.asString()).isEqualTo(order);
		web.api().get("/api/v1/orders/ord_nonsense/status").expectProblem(404, "not-found");
		withScopes(Permission.CARTS_WRITE).get("/api/v1/orders/" + order + "/status").expectProblem(403, "forbidden");
		assertThat(web.api()
			.get("/api/v1/customers/email:someone-else-" + UUID.randomUUID() + "@example.com/order-statuses")
			.expect(200)
			.path("data")
			.size()).isZero();
	}

	@Test
	void aPickupOrdersStatusNamesTheStoreWithItsAddressAndOpeningHours() {
		String lamp = product(priceList(), 1990);
		String store = backoffice().post("/api/v1/locations", """
				{"name": "%s", "type": "STORE", "address": {"line1": "Rua Garrett 12", "city": "Lisboa",
				 "postalCode": "1200-204", "country": "PT"},
				 "coordinates": {"latitude": 38.71, "longitude": -9.14}, "timeZone": "Europe/Lisbon",
				 "openingHours": [%s], "capabilities": ["PICKUP"]}""".formatted(unique("Chiado"), everyDay()))
			.expect(201)
			.path("id")
			.asString();
		receive(lamp, store, 1);
		Shop web = shop();
		String order = checkout(web, cart(web, "rita-" + UUID.randomUUID() + "@example.com", lamp),
				"{\"method\": \"PICKUP\", \"pickupLocationId\": \"" + store + "\"}")
			.expect(201)
			.path("id")
			.asString();

		JsonNode delivery = status(web, order).path("delivery");

		assertThat(delivery.path("method").asString()).isEqualTo("PICKUP");
		assertThat(delivery.path("pickup").path("locationId").asString()).isEqualTo(store);
		assertThat(delivery.path("pickup").path("address").path("line1").asString()).isEqualTo("Rua Garrett 12");
		assertThat(delivery.path("pickup").path("timeZone").asString()).isEqualTo("Europe/Lisbon");
		assertThat(delivery.path("pickup").path("openingHours").size()).isEqualTo(7);
		assertThat(delivery.path("stage").asString()).isEqualTo("PICKING");
	}

	private static String everyDay() {
		return String.join(", ",
				java.util.Arrays.stream(java.time.DayOfWeek.values())
					.map(d -> "{\"day\": \"" + d + "\", \"opens\": \"00:00\", \"closes\": \"23:59\"}")
					.toList());
	}

	@Test
	void aLineNoLocationCanTakeIsOwedBackAndTheRestOfTheOrderGoesOnToBeFulfilled() {
		String lamp = product(priceList(), 1990);
		String vase = product(priceList(), 2490);
		String first = warehouse(10);
		String second = warehouse(20);
		receive(lamp, first, 1);
		receive(vase, second, 1);
		Shop web = shop();
		String order = checkout(web, cart(web, "sara-" + UUID.randomUUID() + "@example.com", lamp, vase), SHIP)
			.expect(201)
			.path("id")
			.asString();
		assertThat(status(web, order).path("delivery").path("shipsFrom").size()).isEqualTo(2);

		// The vase is not on the shelf, and nowhere else has one
		JsonNode reroute = backoffice()
			.post("/api/v1/fulfilment/tasks/" + task(second, "PICK").path("id").asString() + "/missing",
					"{\"sku\": \"" + vase + "\", \"reason\": \"NOT_FOUND\"}")
			.expect(200);
		assertThat(reroute.path("to").size()).isZero();

		JsonNode owed = Poll.until(Duration.ofSeconds(15), () -> status(web, order),
				s -> s.path("shortages").size() == 1);
		assertThat(owed.path("status").asString()).isEqualTo("ALLOCATED");
		assertThat(owed.path("shortages").get(0).path("sku").asString()).isEqualTo(vase);
		assertThat(owed.path("shortages").get(0).path("quantity").asInt()).isEqualTo(1);
		assertThat(owed.path("shortages").get(0).path("refund").asString()).isEqualTo("REFUNDED");
		// The vase is paid back at the price paid, through the card that paid it
		JsonNode refunds = backoffice().get("/api/v1/orders/" + order + "/refunds").expect(200);
		assertThat(refunds.toString()).contains("shortage").contains("2490");
		assertThat(owed.path("delivery").path("shipsFrom").size()).isEqualTo(1);
		assertThat(stock(vase, second).path("reserved").asInt()).isZero();
		assertThat(published("order.shortage", order)).isEqualTo(1);

		pickPackShip(first, lamp, 1);

		JsonNode fulfilled = pollStatus(web, order, "FULFILLED");
		assertThat(fulfilled.path("shortages").size()).isEqualTo(1);
		assertThat(stock(lamp, first).path("onHand").asInt()).isZero();
		assertThat(stock(lamp, first).path("reserved").asInt()).isZero();
		assertThat(stock(vase, second).path("onHand").asInt()).isEqualTo(1);
	}

	@Test
	void aLineNoLocationCanTakeAfterTheRestWasShippedLetsTheOrderBeFulfilled() {
		String lamp = product(priceList(), 1990);
		String vase = product(priceList(), 2490);
		String first = warehouse(10);
		String second = warehouse(20);
		receive(lamp, first, 1);
		receive(vase, second, 1);
		Shop web = shop();
		String order = checkout(web, cart(web, "vera-" + UUID.randomUUID() + "@example.com", lamp, vase), SHIP)
			.expect(201)
			.path("id")
			.asString();
		pickPackShip(first, lamp, 1);
		assertThat(status(web, order).path("status").asString()).isEqualTo("ALLOCATED");

		// The last open work of the order empties: what was shipped is sold, nothing
		// waits
		backoffice()
			.post("/api/v1/fulfilment/tasks/" + task(second, "PICK").path("id").asString() + "/missing",
					"{\"sku\": \"" + vase + "\", \"reason\": \"DAMAGED\"}")
			.expect(200);

		JsonNode fulfilled = pollStatus(web, order, "FULFILLED");
		assertThat(fulfilled.path("delivery").path("stage").asString()).isEqualTo("SHIPPED");
		assertThat(stock(lamp, first).path("onHand").asInt()).isZero();
		assertThat(stock(lamp, first).path("reserved").asInt()).isZero();
		assertThat(stock(vase, second).path("reserved").asInt()).isZero();
		Poll.until(Duration.ofSeconds(15), () -> status(web, order), s -> s.path("shortages").size() == 1);
	}

	@Test
	void anOrderNothingOfWhichCanBeServedIsCancelledAndRefunded() {
		String lamp = product(priceList(), 1990);
		String only = warehouse(10);
		receive(lamp, only, 1);
		Shop web = shop();
		String order = checkout(web, cart(web, "ana-" + UUID.randomUUID() + "@example.com", lamp), SHIP).expect(201)
			.path("id")
			.asString();

		backoffice()
			.post("/api/v1/fulfilment/tasks/" + task(only, "PICK").path("id").asString() + "/missing",
					"{\"sku\": \"" + lamp + "\", \"reason\": \"NOT_FOUND\"}")
			.expect(200);

		JsonNode cancelled = pollStatus(web, order, "CANCELLED");
		assertThat(cancelled.path("shortages").get(0).path("refund").asString()).isEqualTo("REFUNDED");
		assertThat(cancelled.path("delivery").path("stage").asString()).isEqualTo("CANCELLED");
		assertThat(web.api().get("/api/v1/orders/" + order).expect(200).path("cancelReason").asString())
			.contains("no location can fulfil it");
		assertThat(stock(lamp, only).path("reserved").asInt()).isZero();
		assertThat(stock(lamp, only).path("onHand").asInt()).isEqualTo(1);
	}

}
