package io.omnis.fulfilment;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Packing what was picked into weighed parcels, shipping them with the manual carrier's
 * tracking number and link, the statuses that follow, and the pick list a picker walks.
 */
class ShippingTests extends FulfilmentFixtures {

	/**
	 * A warehouse with {@code a} ×3 and {@code b} ×2, and a SHIP of a ×2 and b ×1 picked
	 * there.
	 */
	private record Picked(String a, String b, String store, String fulfilment, String pack) {
	}

	private Picked picked() {
		String a = sku();
		String b = sku();
		String store = site("WAREHOUSE", 10, List.of("SHIPS"), false);
		receive(a, store, 3);
		receive(b, store, 2);
		String id = api.post("/api/v1/fulfilments", json(ship(reference(), lines(a, 2, b, 1))))
			.expect(201)
			.path("id")
			.asString();
		String pick = task(store, id, "PICK").path("id").asString();
		for (String code : List.of(a, a, b)) {
			api.post("/api/v1/fulfilment/tasks/" + pick + "/scans", json(Map.of("barcode", code))).expect(200);
		}
		return new Picked(a, b, store, id, task(store, id, "PACK").path("id").asString());
	}

	private JsonNode task(String location, String fulfilment, String kind) {
		for (JsonNode t : api.get("/api/v1/fulfilment/locations/" + location + "/tasks").expect(200).path("data")) {
			if (t.path("fulfilmentId").asString().equals(fulfilment) && t.path("kind").asString().equals(kind)) {
				return t;
			}
		}
		throw new AssertionError("No open " + kind + " task of " + fulfilment + " at " + location);
	}

	private boolean hasTask(String location, String fulfilment, String kind) {
		for (JsonNode t : api.get("/api/v1/fulfilment/locations/" + location + "/tasks").expect(200).path("data")) {
			if (t.path("fulfilmentId").asString().equals(fulfilment) && t.path("kind").asString().equals(kind)) {
				return true;
			}
		}
		return false;
	}

	private Answer pack(String task, Object parcels) {
		return api.post("/api/v1/fulfilment/tasks/" + task + "/parcels", json(Map.of("parcels", parcels)));
	}

	private static Map<String, Object> parcel(int grams, Object... skuQuantity) {
		return Map.of("items", lines(skuQuantity), "weightGrams", grams);
	}

	private Answer ship(String parcel, String number, String url) {
		return api.post("/api/v1/fulfilment/parcels/" + parcel + "/ship",
				json(Map.of("carrier", "manual", "trackingNumber", number, "trackingUrl", url)));
	}

	private Answer track(String parcel, String status) {
		return api.post("/api/v1/fulfilment/parcels/" + parcel + "/status", json(Map.of("status", status)));
	}

	@Test
	void everyPickedUnitIsPackedIntoWeighedParcelsAndShippingTheLastHandsTheLocationsPartOver() {
		Picked p = picked();

		JsonNode parcels = pack(p.pack(),
				List.of(Map.of("items", lines(p.a(), 1), "weightGrams", 500, "dimensions",
						Map.of("lengthMm", 300, "widthMm", 200, "heightMm", 100)), parcel(1200, p.a(), 1, p.b(), 1)))
			.expect(200);

		assertThat(parcels.size()).isEqualTo(2);
		String first = parcels.get(0).path("id").asString();
		String second = parcels.get(1).path("id").asString();
		assertThat(first).startsWith("pcl_");
		assertThat(parcels.get(0).path("status").asString()).isEqualTo("PACKED");
		assertThat(parcels.get(0).path("dimensions").path("widthMm").asInt()).isEqualTo(200);
		assertThat(parcels.get(1).path("weightGrams").asInt()).isEqualTo(1200);
		assertThat(hasTask(p.store(), p.fulfilment(), "PACK")).isFalse();
		assertThat(hasTask(p.store(), p.fulfilment(), "HAND_OVER")).isTrue();
		// A shipped fulfilment is handed over by shipping, not by hand
		api.post("/api/v1/fulfilment/tasks/" + task(p.store(), p.fulfilment(), "HAND_OVER").path("id").asString()
				+ "/complete", "")
			.expectProblem(409, "conflict");

		JsonNode shipped = ship(first, "1Z999AA10123456784", "https://www.ups.com/track?tracknum=1Z999AA10123456784")
			.expect(200);
		assertThat(shipped.path("status").asString()).isEqualTo("SHIPPED");
		assertThat(shipped.path("carrier").asString()).isEqualTo("manual");
		assertThat(shipped.path("trackingUrl").asString())
			.isEqualTo("https://www.ups.com/track?tracknum=1Z999AA10123456784");
		// One parcel is still on the bench: nothing has left the location's stock
		assertThat(hasTask(p.store(), p.fulfilment(), "HAND_OVER")).isTrue();
		assertThat(stock(p.a(), p.store()).path("onHand").asInt()).isEqualTo(3);

		ship(second, "CTT-RR123456789PT", "HTTP://Tracking.CTT.pt/RR123456789PT").expect(200);

		assertThat(hasTask(p.store(), p.fulfilment(), "HAND_OVER")).isFalse();
		assertThat(stock(p.a(), p.store()).path("onHand").asInt()).isEqualTo(1);
		assertThat(stock(p.a(), p.store()).path("reserved").asInt()).isZero();
		assertThat(stock(p.b(), p.store()).path("onHand").asInt()).isEqualTo(1);
		JsonNode listed = api.get("/api/v1/fulfilments/" + p.fulfilment() + "/parcels").expect(200);
		assertThat(listed.findValuesAsString("status")).contains("SHIPPED");
		ship(second, "AGAIN", "https://example.com/again").expectProblem(409, "conflict", "status");
	}

	@Test
	void badPackingIsRefusedNamingTheFieldAndPacksNothing() {
		Picked p = picked();
		String a = p.a();
		String b = p.b();

		pack(p.pack(), List.of()).expectProblem(400, "invalid-field", "parcels");
		pack(p.pack(), List.of(parcel(0, a, 2, b, 1))).expectProblem(400, "invalid-field", "parcels[0].weightGrams");
		pack(p.pack(), List.of(parcel(70_001, a, 2, b, 1))).expectProblem(400, "invalid-field",
				"parcels[0].weightGrams");
		pack(p.pack(), List.of(Map.of("items", lines(a, 2, b, 1)))).expectProblem(400, "invalid-field",
				"parcels[0].weightGrams");
		pack(p.pack(), List.of(Map.of("items", List.of(), "weightGrams", 100))).expectProblem(400, "invalid-field",
				"parcels[0].items");
		pack(p.pack(), List.of(parcel(900, a, 2, "NOT-PICKED", 1))).expectProblem(400, "invalid-field",
				"parcels[0].items[1].sku");
		pack(p.pack(), List.of(parcel(900, a, 3, b, 1))).expectProblem(400, "invalid-field",
				"parcels[0].items[0].quantity");
		pack(p.pack(), List.of(parcel(900, a, 0, b, 1))).expectProblem(400, "invalid-field",
				"parcels[0].items[0].quantity");
		pack(p.pack(), List.of(parcel(900, a, 2), parcel(300, a, 1, b, 1))).expectProblem(400, "invalid-field",
				"parcels[1].items[0].quantity");
		pack(p.pack(), List.of(parcel(900, a, 1, a, 1, b, 1))).expectProblem(400, "invalid-field",
				"parcels[0].items[1].sku");
		// One unit of a left out: every picked unit is packed
		pack(p.pack(), List.of(parcel(900, a, 1, b, 1))).expectProblem(400, "invalid-field", "parcels");
		pack(p.pack(),
				List.of(Map.of("items", lines(a, 2, b, 1), "weightGrams", 900, "dimensions",
						Map.of("lengthMm", 0, "widthMm", 10, "heightMm", 10))))
			.expectProblem(400, "invalid-field", "parcels[0].dimensions.lengthMm");
		pack(p.pack(),
				List.of(Map.of("items", lines(a, 2, b, 1), "weightGrams", 900, "dimensions",
						Map.of("lengthMm", 10, "widthMm", 10))))
			.expectProblem(400, "invalid-field", "parcels[0].dimensions.heightMm");

		// Nothing was packed, the task is still open, and a pick list is no PACK task
		assertThat(api.get("/api/v1/fulfilments/" + p.fulfilment() + "/parcels").expect(200).size()).isZero();
		assertThat(hasTask(p.store(), p.fulfilment(), "PACK")).isTrue();
		assertThat(pack(p.pack(), List.of(parcel(900, a, 2, b, 1))).expect(200).size()).isEqualTo(1);
		pack(p.pack(), List.of(parcel(900, a, 2, b, 1))).expectProblem(409, "conflict");
	}

	@Test
	void theManualCarrierTakesOnlyAnHttpOrHttpsTrackingLink() {
		Picked p = picked();
		String parcel = pack(p.pack(), List.of(parcel(900, p.a(), 2, p.b(), 1))).expect(200)
			.get(0)
			.path("id")
			.asString();

		for (String url : List.of("javascript:alert(1)", "JavaScript:alert(document.cookie)", " javascript:alert(1)",
				"data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "ftp://carrier.example/1",
				"//carrier.example/track/1", "carrier.example/track/1", "https://",
				"https://user:secret@carrier.example/1", "https://carrier.example/track 1",
				"https://carrier.example/a\nb", "http://[::1", "")) {
			ship(parcel, "TRK-1", url).expectProblem(400, "invalid-field", "trackingUrl");
		}
		ship(parcel, "", "https://carrier.example/1").expectProblem(400, "invalid-field", "trackingNumber");
		ship(parcel, "<script>", "https://carrier.example/1").expectProblem(400, "invalid-field", "trackingNumber");
		api.post("/api/v1/fulfilment/parcels/" + parcel + "/ship",
				json(Map.of("carrier", "pigeon", "trackingNumber", "1", "trackingUrl", "https://carrier.example/1")))
			.expectProblem(400, "invalid-field", "carrier");
		assertThat(api.get("/api/v1/fulfilment/parcels/" + parcel).expect(200).path("status").asString())
			.isEqualTo("PACKED");

		assertThat(ship(parcel, "TRK-1", "https://carrier.example/track?id=TRK-1&lang=pt").expect(200)
			.path("trackingUrl")
			.asString()).isEqualTo("https://carrier.example/track?id=TRK-1&lang=pt");
	}

	@Test
	void aParcelsStatusesFollowTheCarrierAndAnIllegalStepChangesNothing() {
		Picked p = picked();
		String parcel = pack(p.pack(), List.of(parcel(900, p.a(), 2, p.b(), 1))).expect(200)
			.get(0)
			.path("id")
			.asString();

		track(parcel, "IN_TRANSIT").expectProblem(409, "conflict", "status");
		track(parcel, "SHIPPED").expectProblem(400, "invalid-field", "status");
		track(parcel, "LOST").expectProblem(400, "invalid-field");
		ship(parcel, "TRK-9", "https://carrier.example/TRK-9").expect(200);
		track(parcel, "IN_TRANSIT").expect(200);
		track(parcel, "FAILED").expect(200);
		track(parcel, "OUT_FOR_DELIVERY").expect(200);
		JsonNode delivered = track(parcel, "DELIVERED").expect(200);
		track(parcel, "FAILED").expectProblem(409, "conflict", "status");
		track(parcel, "RETURNED").expectProblem(409, "conflict", "status");

		assertThat(delivered.path("status").asString()).isEqualTo("DELIVERED");
		assertThat(delivered.path("history").findValuesAsString("status")).containsExactly("PACKED", "SHIPPED",
				"IN_TRANSIT", "FAILED", "OUT_FOR_DELIVERY", "DELIVERED");
		api.get("/api/v1/fulfilment/parcels/pcl_nonsense").expectProblem(404, "not-found");
	}

	@Test
	void thePickListGathersTheOpenShippedPickListsOfALocationBySku() {
		String a = sku();
		String b = sku();
		String store = site("WAREHOUSE", 10, List.of("SHIPS"), false);
		receive(a, store, 5);
		receive(b, store, 5);
		String first = api.post("/api/v1/fulfilments", json(ship(reference(), lines(a, 1))))
			.expect(201)
			.path("id")
			.asString();
		String second = api.post("/api/v1/fulfilments", json(ship(reference(), lines(a, 2, b, 1))))
			.expect(201)
			.path("id")
			.asString();
		api.post("/api/v1/fulfilment/tasks/" + task(store, second, "PICK").path("id").asString() + "/scans",
				json(Map.of("barcode", a)))
			.expect(200);

		JsonNode list = api.get("/api/v1/fulfilment/locations/" + store + "/pick-list").expect(200);

		assertThat(list.path("locationId").asString()).isEqualTo(store);
		JsonNode entries = list.path("entries");
		assertThat(entries.size()).isEqualTo(2);
		JsonNode ofA = entries.get(0).path("sku").asString().equals(a) ? entries.get(0) : entries.get(1);
		JsonNode ofB = ofA == entries.get(0) ? entries.get(1) : entries.get(0);
		assertThat(ofA.path("toPick").asInt()).isEqualTo(2);
		assertThat(ofA.path("picks").findValuesAsString("fulfilmentId")).containsExactlyInAnyOrder(first, second);
		assertThat(ofB.path("toPick").asInt()).isEqualTo(1);
		assertThat(ofB.path("picks").get(0).path("method").asString()).isEqualTo("SHIP");
	}

}
