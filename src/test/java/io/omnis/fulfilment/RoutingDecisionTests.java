package io.omnis.fulfilment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing decisions on small fixed networks, each checked against the answer worked out
 * by hand from the default rules (zones 400 / 700 / 1,200 / 2,000, 500 per extra parcel,
 * warehouses first).
 */
class RoutingDecisionTests extends FulfilmentFixtures {

	/** A location of a scenario; flags: inactive, closed, full, held-for-other. */
	record Site(String name, String type, double km, Map<String, Integer> stock, Set<String> flags) {

		static Site of(String name, String type, double km, Map<String, Integer> stock, String... flags) {
			return new Site(name, type, km, stock, Set.of(flags));
		}

	}

	/**
	 * @param lines SKU label → quantity
	 * @param expected SKU label → "site:units" pieces, sorted
	 */
	record Scenario(String name, List<Site> sites, Map<String, Integer> lines, Map<String, String> expected) {

		@Override
		public String toString() {
			return name;
		}

	}

	static Stream<Scenario> scenarios() {
		return Stream.of(
				// W alone: 700. N1 + N2: 400 + 400 + 500 = 1,300
				new Scenario("one location serving every line beats two nearer ones",
						List.of(Site.of("N1", "WAREHOUSE", 10, Map.of("A", 5)),
								Site.of("N2", "WAREHOUSE", 12, Map.of("B", 5)),
								Site.of("W", "WAREHOUSE", 100, Map.of("A", 5, "B", 5))),
						Map.of("A", 1, "B", 1), Map.of("A", "W:1", "B", "W:1")),
				// F alone: 2,000 (beyond 1,000 km). N1 + N2: 1,300, cheaper by 700 > 500
				new Scenario("two parcels win when cheaper by more than the parcel penalty",
						List.of(Site.of("F", "WAREHOUSE", 1200, Map.of("A", 5, "B", 5)),
								Site.of("N1", "WAREHOUSE", 10, Map.of("A", 5)),
								Site.of("N2", "WAREHOUSE", 12, Map.of("B", 5))),
						Map.of("A", 1, "B", 1), Map.of("A", "N1:1", "B", "N2:1")),
				// F alone: 1,200. N1 + N2: 1,300: one parcel still wins
				new Scenario("one parcel wins when two would be cheaper by less than the penalty",
						List.of(Site.of("F", "WAREHOUSE", 600, Map.of("A", 5, "B", 5)),
								Site.of("N1", "WAREHOUSE", 10, Map.of("A", 5)),
								Site.of("N2", "WAREHOUSE", 12, Map.of("B", 5))),
						Map.of("A", 1, "B", 1), Map.of("A", "F:1", "B", "F:1")),
				// Nobody has 5: the larger stock first (Y 4), then X for the last unit
				new Scenario("a line is split only when no single location has all of it",
						List.of(Site.of("X", "WAREHOUSE", 10, Map.of("A", 3)),
								Site.of("Y", "WAREHOUSE", 20, Map.of("A", 4))),
						Map.of("A", 5), Map.of("A", "X:1,Y:4")),
				new Scenario("no split when one location has all of it, even a farther one",
						List.of(Site.of("X", "WAREHOUSE", 10, Map.of("A", 3)),
								Site.of("Y", "WAREHOUSE", 20, Map.of("A", 5))),
						Map.of("A", 5), Map.of("A", "Y:5")),
				new Scenario("a location whose daily capacity is used is passed over",
						List.of(Site.of("X", "WAREHOUSE", 10, Map.of("A", 3), "full"),
								Site.of("Y", "WAREHOUSE", 100, Map.of("A", 3))),
						Map.of("A", 2), Map.of("A", "Y:2")),
				// Same zone (400): the warehouse wins though the store is nearer
				new Scenario("warehouses come before stores at the same cost",
						List.of(Site.of("S", "STORE", 5, Map.of("A", 3)),
								Site.of("W", "WAREHOUSE", 30, Map.of("A", 3))),
						Map.of("A", 1), Map.of("A", "W:1")),
				new Scenario("units held for another channel are not offered",
						List.of(Site.of("X", "WAREHOUSE", 10, Map.of("A", 3), "held-for-other"),
								Site.of("Y", "WAREHOUSE", 100, Map.of("A", 3))),
						Map.of("A", 2), Map.of("A", "Y:2")),
				new Scenario("an inactive location is passed over",
						List.of(Site.of("X", "WAREHOUSE", 10, Map.of("A", 3), "inactive"),
								Site.of("Y", "WAREHOUSE", 100, Map.of("A", 3))),
						Map.of("A", 1), Map.of("A", "Y:1")),
				new Scenario("a store closed today is passed over", List
					.of(Site.of("S", "STORE", 5, Map.of("A", 3), "closed"), Site.of("Y", "STORE", 100, Map.of("A", 3))),
						Map.of("A", 1), Map.of("A", "Y:1")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void routesAsWorkedOutByHand(Scenario scenario) {
		Map<String, String> skus = new HashMap<>();
		scenario.lines().keySet().forEach(label -> skus.put(label, sku()));
		Map<String, String> names = new HashMap<>();
		String other = channels.create(ChannelType.MARKETPLACE, unique("Other"), null, Set.of()).channel().id().value();
		for (Site site : scenario.sites()) {
			List<String> capabilities = site.type().equals("STORE") ? List.of("SHIP_FROM_STORE", "PICKUP")
					: List.of("SHIPS");
			String id = site(site.type(), site.km(), capabilities, site.flags().contains("closed"));
			names.put(id, site.name());
			site.stock().forEach((label, units) -> {
				receive(skus.get(label), id, units);
				if (site.flags().contains("held-for-other")) {
					put("/api/v1/inventory/allocations",
							Map.of("sku", skus.get(label), "locationId", id, "channelId", other, "quantity", units))
						.expect(200);
				}
			});
			if (site.flags().contains("inactive") || site.flags().contains("full")) {
				Map<String, Object> settings = new LinkedHashMap<>();
				settings.put("active", !site.flags().contains("inactive"));
				settings.put("dailyOrders", site.flags().contains("full") ? 0 : null);
				put("/api/v1/fulfilment/locations/" + id, settings).expect(200);
			}
		}
		List<Map<String, Object>> lines = new ArrayList<>();
		List<String> labels = new ArrayList<>(new TreeMap<>(scenario.lines()).keySet());
		labels.forEach(label -> lines.add(line(skus.get(label), scenario.lines().get(label))));

		JsonNode decision = api.post("/api/v1/routing/quote", json(ship(reference(), lines))).expect(200);

		Map<String, List<String>> pieces = new TreeMap<>();
		decision.path("assignments")
			.forEach(a -> pieces.computeIfAbsent(labels.get(a.path("lineNo").asInt()), k -> new ArrayList<>())
				.add(names.get(a.path("locationId").asString()) + ":" + a.path("quantity").asInt()));
		Map<String, String> actual = new TreeMap<>();
		pieces.forEach((label, list) -> actual.put(label, String.join(",", list.stream().sorted().toList())));
		assertThat(actual).as(decision.toString()).isEqualTo(new TreeMap<>(scenario.expected()));
		JsonNode explanation = decision.path("explanation");
		assertThat(explanation.path("summary").asString()).isNotBlank();
		assertThat(explanation.path("options").findValuesAsString("outcome")).contains("chosen");
	}

	@Test
	void theExplanationSaysWhyTheCheaperPairLost() {
		String a = sku();
		String b = sku();
		String far = site("WAREHOUSE", 600, List.of("SHIPS"), false);
		receive(a, far, 2);
		receive(b, far, 2);
		receive(a, site("WAREHOUSE", 10, List.of("SHIPS"), false), 2);
		receive(b, site("WAREHOUSE", 12, List.of("SHIPS"), false), 2);

		JsonNode decision = api.post("/api/v1/routing/quote", json(ship(reference(), lines(a, 1, b, 1)))).expect(200);

		assertThat(decision.path("parcels").asInt()).isEqualTo(1);
		assertThat(decision.path("shippingCost").asLong()).isEqualTo(1200);
		JsonNode pair = null;
		for (JsonNode option : decision.path("explanation").path("options")) {
			if (option.path("parcels").asInt() == 2) {
				pair = option;
			}
		}
		assertThat(pair).as(decision.toString()).isNotNull();
		assertThat(pair.path("shippingCost").asLong()).isEqualTo(800);
		assertThat(pair.path("score").asLong()).isEqualTo(1300);
		assertThat(pair.path("outcome").asString()).contains("lost").contains("1300").contains("1200");
	}

	@Test
	void storesComeFirstWhenTheRulesSaySo() {
		JsonNode before = api.get("/api/v1/fulfilment/rules").expect(200);
		String a = sku();
		String store = site("STORE", 30, List.of("SHIP_FROM_STORE"), false);
		String warehouse = site("WAREHOUSE", 5, List.of("SHIPS"), false);
		receive(a, store, 2);
		receive(a, warehouse, 2);
		Map<String, Object> rules = JSON.convertValue(before, Map.class);
		rules.put("preference", "STORES_FIRST");
		try {
			put("/api/v1/fulfilment/rules", rules).expect(200);
			JsonNode decision = api.post("/api/v1/routing/quote", json(ship(reference(), lines(a, 1)))).expect(200);
			assertThat(decision.path("assignments").get(0).path("locationId").asString()).isEqualTo(store);
		}
		finally {
			put("/api/v1/fulfilment/rules", before).expect(200);
		}
		JsonNode decision = api.post("/api/v1/routing/quote", json(ship(reference(), lines(a, 1)))).expect(200);
		assertThat(decision.path("assignments").get(0).path("locationId").asString()).isEqualTo(warehouse);
	}

	@Test
	void dailyCapacityIsConsumedWhenARouteCommitsAndMovesTheNextOrder() {
		String a = sku();
		String near = site("WAREHOUSE", 10, List.of("SHIPS"), false);
		String far = site("WAREHOUSE", 100, List.of("SHIPS"), false);
		receive(a, near, 10);
		receive(a, far, 10);
		put("/api/v1/fulfilment/locations/" + near, Map.of("active", true, "dailyOrders", 1)).expect(200);

		JsonNode first = api.post("/api/v1/fulfilments", json(ship(reference(), lines(a, 1)))).expect(201);
		JsonNode second = api.post("/api/v1/fulfilments", json(ship(reference(), lines(a, 1)))).expect(201);

		assertThat(first.path("allocations").get(0).path("locationId").asString()).isEqualTo(near);
		assertThat(second.path("allocations").get(0).path("locationId").asString()).isEqualTo(far);
		assertThat(second.path("explanation").path("excluded").path("daily order capacity used").asInt()).isEqualTo(1);
	}

}
