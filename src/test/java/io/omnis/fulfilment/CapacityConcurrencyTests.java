package io.omnis.fulfilment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many orders routed at once never take more of a location's daily capacity than it has,
 * and every unit they hold is held exactly where they say.
 */
class CapacityConcurrencyTests extends FulfilmentFixtures {

	@Test
	void twentyOrdersAtOnceGiveTheNearLocationExactlyItsFiveOrdersAndTheRestGoFarther() throws Exception {
		String a = sku();
		String near = site("WAREHOUSE", 10, List.of("SHIPS"), false);
		String far = site("WAREHOUSE", 100, List.of("SHIPS"), false);
		receive(a, near, 100);
		receive(a, far, 100);
		put("/api/v1/fulfilment/locations/" + near, Map.of("active", true, "dailyOrders", 5)).expect(200);

		List<Future<JsonNode>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
			for (int i = 0; i < 20; i++) {
				answers.add(pool
					.submit(() -> api.post("/api/v1/fulfilments", json(ship(reference(), lines(a, 1)))).expect(201)));
			}
		}
		int atNear = 0;
		int atFar = 0;
		for (Future<JsonNode> answer : answers) {
			String location = answer.get().path("allocations").get(0).path("locationId").asString();
			atNear += location.equals(near) ? 1 : 0;
			atFar += location.equals(far) ? 1 : 0;
		}

		assertThat(atNear).isEqualTo(5);
		assertThat(atFar).isEqualTo(15);
		assertThat(stock(a, near).path("reserved").asInt()).isEqualTo(5);
		assertThat(stock(a, far).path("reserved").asInt()).isEqualTo(15);
		assertThat(jdbc.sql("select sum(orders) from fulfilment_capacity where location_id = :id")
			.param("id", near)
			.query(Integer.class)
			.single()).isEqualTo(5);
	}

	@Test
	void rulesThatMakeNoSenseAreRefusedAndTheOldOnesStay() {
		JsonNode before = api.get("/api/v1/fulfilment/rules").expect(200);
		Map<String, Object> rules = JSON.convertValue(before, Map.class);
		rules.put("parcelPenalty", -1);
		put("/api/v1/fulfilment/rules", rules).expectProblem(400, "invalid-field", "parcelPenalty");
		rules.put("parcelPenalty", 500);
		rules.put("zones", List.of(Map.of("upToKm", 300, "cost", 700), Map.of("upToKm", 50, "cost", 400)));
		put("/api/v1/fulfilment/rules", rules).expectProblem(400, "invalid-field", "zones[1].upToKm");
		assertThat(api.get("/api/v1/fulfilment/rules").expect(200)).isEqualTo(before);
	}

}
