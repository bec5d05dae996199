package io.omnis.inventory;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/availability}: a SKU across the network, a whole cart, the nearest
 * stores to collect from, and the low- and out-of-stock events.
 */
class AvailabilityApiTests extends InventoryTestSupport {

	@Test
	void aSkuIsAvailableAcrossEveryLocationNetOfReservationsAndSafetyStock() {
		Caller web = channel(ChannelType.WEB);
		String a = location(web.api());
		String b = location(web.api());
		String sku = sku();
		receive(web.api(), sku, a, 5);
		receive(web.api(), sku, b, 4);
		web.api().post("/api/v1/reservations", reservation("cart", List.of(line(sku, a, 2))));
		web.api().put("/api/v1/inventory/stock/safety-stock", Map.of("sku", sku, "locationId", b, "safetyStock", 1));

		Api.Response answer = web.api().get("/api/v1/availability?sku=" + sku);

		assertThat(answer.number("available")).isEqualTo(6);
		assertThat(answer.text("channelId")).isEqualTo(web.id().value());
		assertThat(answer.json().path("locations").size()).isEqualTo(2);
	}

	@Test
	void aWholeCartIsAnsweredAtOnceWithTheLocationsThatHaveEverything() {
		Caller web = channel(ChannelType.WEB);
		String a = location(web.api());
		String b = location(web.api());
		String shirt = sku();
		String socks = sku();
		receive(web.api(), shirt, a, 2);
		receive(web.api(), socks, a, 1);
		receive(web.api(), shirt, b, 1);
		receive(web.api(), socks, b, 5);

		Api.Response cart = web.api()
			.post("/api/v1/availability/cart",
					Map.of("lines", List.of(Map.of("sku", shirt, "quantity", 2), Map.of("sku", socks, "quantity", 2))));

		assertThat(cart.json().path("available").asBoolean()).isTrue();
		assertThat(cart.json().path("lines").path(0).path("available").asInt()).isEqualTo(3);
		assertThat(cart.json().path("locationsWithEverything").size()).isZero();

		Api.Response small = web.api()
			.post("/api/v1/availability/cart",
					Map.of("lines", List.of(Map.of("sku", shirt, "quantity", 1), Map.of("sku", socks, "quantity", 9))));
		assertThat(small.json().path("available").asBoolean()).isFalse();
		assertThat(small.json().path("lines").path(1).path("satisfied").asBoolean()).isFalse();
	}

	@Test
	void theNearestPickupStoresWithStockComeFirst() {
		Caller web = channel(ChannelType.WEB);
		String sku = sku();
		// Around Lisbon's Rossio (38.7139, -9.1394)
		String chiado = location(web.api(), "STORE", 38.7107, -9.1416, "PICKUP");
		String belem = location(web.api(), "STORE", 38.6979, -9.2063, "PICKUP");
		String warehouse = location(web.api(), "WAREHOUSE", 38.7140, -9.1395, "SHIPS");
		String porto = location(web.api(), "STORE", 41.1496, -8.6109, "PICKUP");
		String emptyStore = location(web.api(), "STORE", 38.7138, -9.1393, "PICKUP");
		for (String location : List.of(chiado, belem, warehouse, porto)) {
			receive(web.api(), sku, location, 3);
		}
		receive(web.api(), sku, emptyStore, 1);

		Api.Response nearby = web.api()
			.get("/api/v1/availability/nearby?sku=" + sku
					+ "&quantity=2&latitude=38.7139&longitude=-9.1394&radiusKm=25");

		assertThat(nearby.status()).as(nearby.toString()).isEqualTo(200);
		List<String> ids = nearby.json().valueStream().map(n -> n.path("locationId").asString()).toList();
		assertThat(ids).containsExactly(chiado, belem);
		JsonNode first = nearby.json().path(0);
		assertThat(first.path("distanceKm").asDouble()).isBetween(0.2, 0.6);
	}

	@Test
	void nearbyRefusesAPointOffTheMap() {
		Caller web = channel(ChannelType.WEB);
		Api.Response refused = web.api().get("/api/v1/availability/nearby?sku=X&latitude=95&longitude=0");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errorField()).isEqualTo("latitude");
	}

	@Test
	void runningLowAndRunningOutArePublishedOnceWhenTheThresholdIsCrossed() {
		Caller web = channel(ChannelType.WEB);
		String location = location(web.api());
		String sku = sku();
		receive(web.api(), sku, location, 6);

		web.api().post("/api/v1/reservations", reservation("cart-1", List.of(line(sku, location, 3))));
		web.api().post("/api/v1/reservations", reservation("cart-2", List.of(line(sku, location, 1))));
		web.api().post("/api/v1/inventory/movements", movement("SALE", sku, location, 2));

		List<Object> mine = events.published.stream()
			.filter(e -> e instanceof StockLow low ? low.sku().value().equals(sku)
					: ((StockOut) e).sku().value().equals(sku))
			.toList();
		assertThat(mine).containsExactly(new StockLow(new Sku(sku), new LocationId(location), 3, 3),
				new StockOut(new Sku(sku), new LocationId(location)));
	}

}
