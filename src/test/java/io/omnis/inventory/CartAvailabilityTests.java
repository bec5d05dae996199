package io.omnis.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/availability/cart} answers what the single-SKU answers of
 * {@code GET /api/v1/availability} add up to, on seeded random networks with
 * reservations, safety stock and allocations held for this channel and for another one.
 */
class CartAvailabilityTests extends InventoryTestSupport {

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3, 4 })
	void aCartAnswerIsTheSumOfItsSkusAnswersAndTheLocationsWhereEveryLineFits(long seed) {
		Random random = new Random(seed);
		Caller web = channel(ChannelType.WEB);
		Caller marketplace = channel(ChannelType.MARKETPLACE);
		List<String> locations = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			locations.add(location(web.api()));
		}
		List<String> skus = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			skus.add(sku());
		}
		for (String sku : skus) {
			for (String location : locations) {
				int units = random.nextInt(7);
				if (units == 0) {
					continue; // no stock row here
				}
				receive(web.api(), sku, location, units);
				if (random.nextInt(3) == 0) {
					web.api()
						.post("/api/v1/reservations",
								reservation("cart-" + random.nextInt(), List.of(line(sku, location, 1))));
				}
				if (random.nextInt(4) == 0) {
					web.api()
						.put("/api/v1/inventory/stock/safety-stock",
								Map.of("sku", sku, "locationId", location, "safetyStock", 1));
				}
				if (random.nextInt(3) == 0) {
					Caller holder = random.nextBoolean() ? web : marketplace;
					// Refused (409) when the units are not free: then nothing is held
					web.api()
						.put("/api/v1/inventory/allocations", Map.of("sku", sku, "locationId", location, "channelId",
								holder.id().value(), "quantity", 1 + random.nextInt(2)));
				}
			}
		}
		Map<String, Map<String, Integer>> bySku = new HashMap<>();
		for (String sku : skus) {
			JsonNode answer = web.api().get("/api/v1/availability?sku=" + sku).json();
			Map<String, Integer> byLocation = new HashMap<>();
			answer.path("locations")
				.valueStream()
				.forEach(l -> byLocation.put(l.path("locationId").asString(), l.path("available").asInt()));
			bySku.put(sku, byLocation);
		}
		int withEverything = 0;
		for (int cart = 0; cart < 12; cart++) {
			Map<String, Integer> lines = new LinkedHashMap<>();
			int size = 1 + random.nextInt(skus.size());
			while (lines.size() < size) {
				lines.put(skus.get(random.nextInt(skus.size())), 1 + random.nextInt(cart < 6 ? 2 : 5));
			}
			if (cart % 4 == 3) {
				lines.put(sku(), 1); // stocked nowhere
			}
			List<Map<String, Object>> body = new ArrayList<>();
			lines.forEach((sku, quantity) -> body.add(Map.of("sku", sku, "quantity", quantity)));

			JsonNode answer = web.api().post("/api/v1/availability/cart", Map.of("lines", body)).json();

			boolean everyLine = true;
			for (int i = 0; i < body.size(); i++) {
				String sku = (String) body.get(i).get("sku");
				int quantity = lines.get(sku);
				int network = bySku.getOrDefault(sku, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
				JsonNode line = answer.path("lines").path(i);
				assertThat(line.path("sku").asString()).isEqualTo(sku);
				assertThat(line.path("requested").asInt()).isEqualTo(quantity);
				assertThat(line.path("available").asInt()).as(sku).isEqualTo(network);
				assertThat(line.path("satisfied").asBoolean()).isEqualTo(network >= quantity);
				everyLine &= network >= quantity;
			}
			List<String> expected = locations.stream()
				.filter(location -> lines.entrySet()
					.stream()
					.allMatch(line -> bySku.getOrDefault(line.getKey(), Map.of()).getOrDefault(location, -1) >= line
						.getValue()))
				.sorted()
				.toList();
			assertThat(answer.path("available").asBoolean()).isEqualTo(everyLine);
			assertThat(answer.path("locationsWithEverything").valueStream().map(JsonNode::asString).toList())
				.as("cart %s", lines)
				.isEqualTo(expected);
			withEverything += expected.isEmpty() ? 0 : 1;
		}
		// The seeds make carts that some location fills alone, not only empty lists
		assertThat(withEverything).isPositive();
	}

}
