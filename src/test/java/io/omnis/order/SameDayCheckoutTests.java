package io.omnis.order;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A same-day order books one of the slots of the store that delivers it, at checkout and
 * in the checkout's transaction: past the store's cut-off is a 422, a full slot a 409,
 * both naming the field and keeping nothing; the store of the slot is the one routed to;
 * cancelling gives the place back.
 */
class SameDayCheckoutTests extends OrderFixtures {

	private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

	/** A SAME_DAY store {@code km} north of the customer, with one place per slot. */
	private String sameDayStore(double km) {
		String store = backoffice().post("/api/v1/locations", """
				{"name": "%s", "type": "STORE", "address": {"line1": "Rua 1", "city": "Lisboa", "country": "PT"},
				 "coordinates": {"latitude": %s, "longitude": -9.14}, "timeZone": "Europe/Lisbon",
				 "capabilities": ["SAME_DAY", "PICKUP"]}""".formatted(unique("Store"), 38.72 + km / 111.195))
			.expect(201)
			.path("id")
			.asString();
		backoffice()
			.send("PUT", "/api/v1/locations/" + store + "/same-day",
					java.net.http.HttpRequest.BodyPublishers.ofString("""
							{"opens": "08:00", "closes": "20:00", "slotMinutes": 120, "capacity": 1, "cutoff": "20:00",
							 "leadMinutes": 0}"""), "Content-Type", "application/json")
			.expect(200);
		return store;
	}

	private static String sameDay(String store, OffsetDateTime start) {
		return """
				{"method": "SAME_DAY", "destination": {"latitude": 38.72, "longitude": -9.14},
				 "slot": {"locationId": "%s", "start": "%s"}}""".formatted(store, start);
	}

	private static Answer checkout(Shop shop, String cart, String fulfilment) {
		return shop.api()
			.post("/api/v1/carts/" + cart + "/checkout",
					"{\"payment\": {\"method\": \"test-card\", \"cardNumber\": \"4242 4242 4242 4242\"}, \"fulfilment\": "
							+ fulfilment + "}",
					"Idempotency-Key", UUID.randomUUID().toString());
	}

	private String cartWith(Shop shop, String sku) {
		String cart = anonymousCart(shop, anonymousId()).path("id").asString();
		add(shop, cart, sku, 1).expect(200);
		return cart;
	}

	/** The store's slot at {@code local} on the store's date {@code days} from today. */
	private static OffsetDateTime slot(int days, int hour) {
		return ZonedDateTime.of(LocalDate.now(LISBON).plusDays(days), LocalTime.of(hour, 0), LISBON).toOffsetDateTime();
	}

	private JsonNode slots(Shop shop, String store, LocalDate date) {
		return shop.api().get("/api/v1/locations/" + store + "/same-day-slots?date=" + date).expect(200);
	}

	@Test
	void aBookedSlotIsDeliveredByItsStoreAndAFullSlotIsRefusedKeepingNothing() {
		String lamp = product(priceList(), 1990);
		String near = sameDayStore(2);
		String chosen = sameDayStore(8);
		receive(lamp, near, 5);
		receive(lamp, chosen, 5);
		Shop web = channel(ChannelType.WEB);
		LocalDate tomorrow = LocalDate.now(LISBON).plusDays(1);

		JsonNode offered = slots(web, chosen, tomorrow);
		assertThat(offered.size()).isEqualTo(6);
		assertThat(OffsetDateTime.parse(offered.get(0).path("start").asString()).toInstant())
			.isEqualTo(slot(1, 8).toInstant());
		assertThat(offered.get(0).path("bookable").asBoolean()).isTrue();

		JsonNode order = checkout(web, cartWith(web, lamp), sameDay(chosen, slot(1, 8))).expect(201);

		assertThat(order.path("status").asString()).isEqualTo("ALLOCATED");
		JsonNode status = web.api().get("/api/v1/orders/" + order.path("id").asString() + "/status").expect(200);
		assertThat(status.path("delivery").path("shipsFrom").get(0).path("id").asString()).isEqualTo(chosen);
		assertThat(status.path("delivery").path("sameDaySlot").path("locationId").asString()).isEqualTo(chosen);
		assertThat(
				OffsetDateTime.parse(status.path("delivery").path("sameDaySlot").path("start").asString()).toInstant())
			.isEqualTo(slot(1, 8).toInstant());
		assertThat(stock(lamp, chosen).path("reserved").asInt()).isEqualTo(1);
		assertThat(stock(lamp, near).path("reserved").asInt()).isZero();
		JsonNode full = slots(web, chosen, tomorrow).get(0);
		assertThat(full.path("remaining").asInt()).isZero();
		assertThat(full.path("why").asString()).isEqualTo("full");

		String second = cartWith(web, lamp);
		checkout(web, second, sameDay(chosen, slot(1, 8))).expectProblem(409, "slot-full", "fulfilment.slot.start");
		assertThat(stock(lamp, chosen).path("reserved").asInt()).isEqualTo(1);
		assertThat(stock(lamp, near).path("reserved").asInt()).isZero();

		// Cancelling gives the place back
		web.api().post("/api/v1/orders/" + order.path("id").asString() + "/cancel", "{}").expect(200);
		assertThat(slots(web, chosen, tomorrow).get(0).path("remaining").asInt()).isEqualTo(1);
		assertThat(checkout(web, second, sameDay(chosen, slot(1, 8))).expect(201).path("status").asString())
			.isEqualTo("ALLOCATED");
	}

	@Test
	void aSlotPastItsCutOffIsRefusedWith422NamingTheField() {
		String lamp = product(priceList(), 1990);
		String store = sameDayStore(3);
		receive(lamp, store, 2);
		Shop web = channel(ChannelType.WEB);
		String cart = cartWith(web, lamp);

		// Yesterday's slots closed at yesterday's 20:00 in Lisbon
		JsonNode problem = checkout(web, cart, sameDay(store, slot(-1, 10))).expectProblem(422, "slot-closed",
				"fulfilment.slot.start");

		assertThat(problem.path("detail").asString()).contains("cut-off");
		assertThat(stock(lamp, store).path("reserved").asInt()).isZero();
		assertThat(checkout(web, cart, sameDay(store, slot(2, 18))).expect(201).path("status").asString())
			.isEqualTo("ALLOCATED");
	}

	@Test
	void badSameDayInstructionsAndSettingsAreRefusedNamingTheField() {
		String lamp = product(priceList(), 1990);
		String store = sameDayStore(4);
		String noSameDay = location("STORE", null);
		receive(lamp, store, 2);
		Shop web = channel(ChannelType.WEB);
		String cart = cartWith(web, lamp);

		checkout(web, cart, """
				{"method": "SAME_DAY", "destination": {"latitude": 38.72, "longitude": -9.14}}""").expectProblem(400,
				"invalid-field", "fulfilment.slot");
		checkout(web, cart, """
				{"method": "SHIP", "destination": {"latitude": 38.72, "longitude": -9.14},
				 "slot": {"locationId": "%s", "start": "%s"}}""".formatted(store, slot(1, 8))).expectProblem(400,
				"invalid-field", "fulfilment.slot");
		checkout(web, cart, sameDay(store, slot(1, 8)).replace(slot(1, 8).toString(), "tomorrow at eight"))
			.expectProblem(400, "invalid-field", "fulfilment.slot.start");
		checkout(web, cart, sameDay(store, slot(1, 8).plusMinutes(30))).expectProblem(400, "invalid-field",
				"fulfilment.slot.start");
		checkout(web, cart, sameDay(noSameDay, slot(1, 8))).expectProblem(400, "invalid-field",
				"fulfilment.slot.locationId");
		checkout(web, cart, sameDay(store, slot(30, 8))).expectProblem(400, "invalid-field", "fulfilment.slot.start");
		checkout(web, cart, sameDay("loc_01m82zae5102qamw4r4nz7r4fc", slot(1, 8))).expectProblem(400, "invalid-field",
				"fulfilment.slot.locationId");
		checkout(web, cart, sameDay("nonsense", slot(1, 8))).expectProblem(400, "invalid-field",
				"fulfilment.slot.locationId");
		assertThat(stock(lamp, store).path("reserved").asInt()).isZero();

		web.api()
			.get("/api/v1/locations/" + store + "/same-day-slots?date=" + LocalDate.now(LISBON).minusDays(1))
			.expectProblem(400, "invalid-parameter", "date");
		for (String bad : new String[] { "{\"slotMinutes\": 10}|slotMinutes", "{\"capacity\": -1}|capacity",
				"{\"opens\": \"21:00\"}|closes", "{\"leadMinutes\": 5000}|leadMinutes" }) {
			String[] parts = bad.split("\\|");
			backoffice()
				.send("PUT", "/api/v1/locations/" + store + "/same-day",
						java.net.http.HttpRequest.BodyPublishers.ofString(parts[0]), "Content-Type", "application/json")
				.expectProblem(400, "invalid-field", parts[1]);
		}
		assertThat(backoffice().get("/api/v1/locations/" + store + "/same-day").expect(200).path("capacity").asInt())
			.isEqualTo(1);
	}

	@Test
	void concurrentBuyersOfASlotsLastPlacesGetExactlyItsCapacity() throws Exception {
		String lamp = product(priceList(), 1990);
		String store = sameDayStore(5);
		backoffice()
			.send("PUT", "/api/v1/locations/" + store + "/same-day",
					java.net.http.HttpRequest.BodyPublishers.ofString("{\"capacity\": 3}"), "Content-Type",
					"application/json")
			.expect(200);
		receive(lamp, store, 50);
		Shop web = channel(ChannelType.WEB);
		java.util.List<String> carts = new java.util.ArrayList<>();
		for (int i = 0; i < 12; i++) {
			carts.add(cartWith(web, lamp));
		}

		java.util.List<Integer> statuses;
		try (var threads = java.util.concurrent.Executors.newFixedThreadPool(12)) {
			var start = new java.util.concurrent.CountDownLatch(1);
			var answers = carts.stream().map(cart -> threads.submit(() -> {
				start.await();
				return checkout(web, cart, sameDay(store, slot(1, 12))).status();
			})).toList();
			start.countDown();
			statuses = new java.util.ArrayList<>();
			for (var answer : answers) {
				statuses.add(answer.get());
			}
		}

		assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
		assertThat(statuses).filteredOn(s -> s == 409).hasSize(9);
		JsonNode slot = slots(web, store, LocalDate.now(LISBON).plusDays(1)).get(2);
		assertThat(OffsetDateTime.parse(slot.path("start").asString()).toInstant()).isEqualTo(slot(1, 12).toInstant());
		assertThat(slot.path("booked").asInt()).isEqualTo(3);
		assertThat(stock(lamp, store).path("reserved").asInt()).isEqualTo(3);
	}

}
