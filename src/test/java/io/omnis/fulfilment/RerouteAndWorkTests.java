package io.omnis.fulfilment;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A committed route holds stock where it decided; a location that cannot find a line
 * gives it up to the next best one, reservation included, and the customer is told; the
 * store's queue is worked by scanning; bad input changes nothing.
 */
class RerouteAndWorkTests extends FulfilmentFixtures {

	@Test
	void aMissingItemMovesItsReservationToTheNextLocationAndTellsTheCustomer() {
		String a = sku();
		String b = sku();
		String near = site("WAREHOUSE", 10, List.of("SHIPS"), false);
		String far = site("WAREHOUSE", 100, List.of("SHIPS"), false);
		receive(a, near, 5);
		receive(b, near, 5);
		receive(a, far, 5);
		Map<String, Object> body = ship(reference(), lines(a, 2, b, 1));
		body.put("customer", "email:ana.reroute@example.com");
		JsonNode routed = api.post("/api/v1/fulfilments", json(body)).expect(201);
		String id = routed.path("id").asString();
		assertThat(stock(a, near).path("reserved").asInt()).isEqualTo(2);
		assertThat(stock(b, near).path("reserved").asInt()).isEqualTo(1);

		JsonNode queue = api.get("/api/v1/fulfilment/locations/" + near + "/tasks").expect(200);
		JsonNode pick = find(queue.path("data"), id);
		String task = pick.path("id").asString();
		assertThat(pick.path("kind").asString()).isEqualTo("PICK");
		// One unit of A is found, the other is not on the shelf
		api.post("/api/v1/fulfilment/tasks/" + task + "/scans", json(Map.of("barcode", a))).expect(200);
		JsonNode reroute = api
			.post("/api/v1/fulfilment/tasks/" + task + "/missing", json(Map.of("sku", a, "reason", "NOT_FOUND")))
			.expect(200);

		assertThat(reroute.path("quantity").asInt()).isEqualTo(1);
		assertThat(reroute.path("from").asString()).isEqualTo(near);
		assertThat(reroute.path("to").get(0).asString()).isEqualTo(far);
		// Stock stays consistent at both locations: one unit held at each, nothing lost
		assertThat(stock(a, near).path("reserved").asInt()).isEqualTo(1);
		assertThat(stock(a, far).path("reserved").asInt()).isEqualTo(1);
		assertThat(stock(a, near).path("onHand").asInt()).isEqualTo(5);
		assertThat(stock(a, far).path("onHand").asInt()).isEqualTo(5);
		JsonNode reservation = api.get("/api/v1/reservations/" + routed.path("reservationId").asString()).expect(200);
		assertThat(reservation.toString()).contains(far);
		JsonNode fulfilment = api.get("/api/v1/fulfilments/" + id).expect(200);
		assertThat(fulfilment.path("reroutes").get(0).path("reason").asString()).isEqualTo("NOT_FOUND");
		assertThat(fulfilment.path("allocations").findValuesAsString("status")).contains("REJECTED", "ACTIVE");
		// The far warehouse has a pick list for the moved unit
		assertThat(find(api.get("/api/v1/fulfilment/locations/" + far + "/tasks").expect(200).path("data"), id)
			.path("items")
			.get(0)
			.path("quantity")
			.asInt()).isEqualTo(1);
		// The customer is told through her timeline (the event is in the publication
		// registry)
		assertThat(jdbc.sql("""
				select count(*) from event_publication
				 where serialized_event like '%fulfilment.line-rerouted%' and serialized_event like :id""")
			.param("id", "%" + id + "%")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void pickingEveryItemThenPackingAndHandingOverConsumesTheStockWhereItWasHeld() {
		String a = sku();
		String store = site("WAREHOUSE", 10, List.of("SHIPS"), false);
		receive(a, store, 3);
		JsonNode routed = api.post("/api/v1/fulfilments", json(ship(reference(), lines(a, 2)))).expect(201);
		String id = routed.path("id").asString();
		String task = find(api.get("/api/v1/fulfilment/locations/" + store + "/tasks").expect(200).path("data"), id)
			.path("id")
			.asString();

		api.post("/api/v1/fulfilment/tasks/" + task + "/scans", json(Map.of("barcode", a))).expect(200);
		JsonNode picked = api.post("/api/v1/fulfilment/tasks/" + task + "/scans", json(Map.of("barcode", a)))
			.expect(200);
		assertThat(picked.path("status").asString()).isEqualTo("DONE");
		String pack = find(api.get("/api/v1/fulfilment/locations/" + store + "/tasks").expect(200).path("data"), id)
			.path("id")
			.asString();
		// A shipped fulfilment is packed into parcels and handed over by shipping them
		api.post("/api/v1/fulfilment/tasks/" + pack + "/complete", "").expectProblem(409, "conflict");
		String parcel = api
			.post("/api/v1/fulfilment/tasks/" + pack + "/parcels",
					"{\"parcels\": [{\"items\": [{\"sku\": \"" + a + "\", \"quantity\": 2}], \"weightGrams\": 900}]}")
			.expect(200)
			.get(0)
			.path("id")
			.asString();
		assertThat(stock(a, store).path("reserved").asInt()).isEqualTo(2);
		api.post("/api/v1/fulfilment/parcels/" + parcel + "/ship",
				"{\"carrier\": \"manual\", \"trackingNumber\": \"TRK1\", \"trackingUrl\": \"https://track.example/TRK1\"}")
			.expect(200);

		assertThat(stock(a, store).path("onHand").asInt()).isEqualTo(1);
		assertThat(stock(a, store).path("reserved").asInt()).isEqualTo(0);
	}

	@Test
	void aBarcodeNotOnThePickListIsRefusedAndChangesNothing() {
		String a = sku();
		String store = site("WAREHOUSE", 10, List.of("SHIPS"), false);
		receive(a, store, 3);
		String id = api.post("/api/v1/fulfilments", json(ship(reference(), lines(a, 1))))
			.expect(201)
			.path("id")
			.asString();
		JsonNode before = find(api.get("/api/v1/fulfilment/locations/" + store + "/tasks").expect(200).path("data"),
				id);

		api.post("/api/v1/fulfilment/tasks/" + before.path("id").asString() + "/scans",
				json(Map.of("barcode", "5601234567890")))
			.expectProblem(400, "invalid-field", "barcode");

		JsonNode after = api.get("/api/v1/fulfilment/tasks/" + before.path("id").asString()).expect(200);
		assertThat(after.path("items")).isEqualTo(before.path("items"));
		assertThat(after.path("status").asString()).isEqualTo("OPEN");
	}

	@Test
	void badRequestsAreProblemsAndHoldNothing() {
		String a = sku();
		String warehouse = site("WAREHOUSE", 10, List.of("SHIPS"), false);
		receive(a, warehouse, 3);
		api.post("/api/v1/fulfilments", json(ship(reference(), lines(sku(), 1))))
			.expectProblem(400, "invalid-field", "lines[0].sku");
		api.post("/api/v1/fulfilments", json(ship(reference(), lines(a, 0))))
			.expectProblem(400, "invalid-field", "lines[0].quantity");
		api.post("/api/v1/fulfilments", json(ship(reference(), lines(a, -2))))
			.expectProblem(400, "invalid-field", "lines[0].quantity");
		api.post("/api/v1/fulfilments", json(ship(reference(), lines(a, 4))))
			.expectProblem(409, "insufficient-stock", "lines[0].quantity");
		Map<String, Object> unknownStore = ship(reference(), lines(a, 1));
		unknownStore.put("method", "PICKUP");
		unknownStore.put("pickupLocationId", "loc_01jd4k7q8m3v5x6y7z8a9b0c1d");
		api.post("/api/v1/fulfilments", json(unknownStore)).expectProblem(404, "not-found", "pickupLocationId");
		String closed = site("STORE", 5, List.of("PICKUP", "SHIP_FROM_STORE"), true);
		receive(a, closed, 3);
		Map<String, Object> closedStore = ship(reference(), lines(a, 1));
		closedStore.put("method", "PICKUP");
		closedStore.put("pickupLocationId", closed);
		api.post("/api/v1/fulfilments", json(closedStore)).expectProblem(409, "conflict", "pickupLocationId");
		Map<String, Object> noDestination = ship(reference(), lines(a, 1));
		noDestination.remove("destination");
		api.post("/api/v1/routing/quote", json(noDestination)).expectProblem(400, "invalid-field", "destination");

		assertThat(stock(a, warehouse).path("reserved").asInt()).isZero();
		assertThat(stock(a, closed).path("reserved").asInt()).isZero();
	}

	@Test
	void aReferenceIsRoutedOnce() {
		String a = sku();
		receive(a, site("WAREHOUSE", 10, List.of("SHIPS"), false), 3);
		Map<String, Object> body = ship(reference(), lines(a, 1));
		api.post("/api/v1/fulfilments", json(body)).expect(201);
		api.post("/api/v1/fulfilments", json(body)).expectProblem(409, "conflict", "reference");
	}

	private static JsonNode find(JsonNode tasks, String fulfilmentId) {
		for (JsonNode task : tasks) {
			if (task.path("fulfilmentId").asString().equals(fulfilmentId)) {
				return task;
			}
		}
		throw new AssertionError("No task of " + fulfilmentId + " in " + tasks);
	}

}
