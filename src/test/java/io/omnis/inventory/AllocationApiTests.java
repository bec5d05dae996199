package io.omnis.inventory;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ring-fenced stock: units held for one channel never show as available to another, and
 * come back to it when its reservations let go.
 */
class AllocationApiTests extends InventoryTestSupport {

	@Test
	void stockHeldForOneChannelIsNeverAvailableToAnother() {
		Caller web = channel(ChannelType.WEB);
		Caller marketplace = channel(ChannelType.MARKETPLACE);
		String location = location(web.api());
		String sku = sku();
		receive(web.api(), sku, location, 10);

		Api.Response held = web.api()
			.put("/api/v1/inventory/allocations",
					Map.of("sku", sku, "locationId", location, "channelId", marketplace.id().value(), "quantity", 4));

		assertThat(held.status()).as(held.toString()).isEqualTo(200);
		assertThat(available(web, sku)).isEqualTo(6);
		assertThat(available(marketplace, sku)).isEqualTo(10);
		Api.Response refused = web.api()
			.post("/api/v1/reservations", reservation("web-cart", List.of(line(sku, location, 7))));
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.number("available")).isEqualTo(6);

		Api.Response marketplaceOrder = marketplace.api()
			.post("/api/v1/reservations", reservation("mp-order", List.of(line(sku, location, 5))));
		assertThat(marketplaceOrder.status()).isEqualTo(201);
		assertThat(marketplaceOrder.json().path("lines").path(0).path("fromAllocation").asInt()).isEqualTo(4);
		assertThat(available(web, sku)).isEqualTo(5);
		assertThat(available(marketplace, sku)).isEqualTo(5);
	}

	@Test
	void releasedUnitsGoBackToTheChannelThatHeldThemAndSoldOnesLeaveTheAllocation() {
		Caller web = channel(ChannelType.WEB);
		Caller marketplace = channel(ChannelType.MARKETPLACE);
		String location = location(web.api());
		String sku = sku();
		receive(web.api(), sku, location, 6);
		web.api()
			.put("/api/v1/inventory/allocations",
					Map.of("sku", sku, "locationId", location, "channelId", marketplace.id().value(), "quantity", 3));
		String first = marketplace.api()
			.post("/api/v1/reservations", reservation("mp-1", List.of(line(sku, location, 2))))
			.text("id");
		String second = marketplace.api()
			.post("/api/v1/reservations", reservation("mp-2", List.of(line(sku, location, 1))))
			.text("id");

		marketplace.api().post("/api/v1/reservations/" + first + "/release", "");
		marketplace.api().post("/api/v1/reservations/" + second + "/consume", "");

		assertThat(available(web, sku)).isEqualTo(3);
		assertThat(available(marketplace, sku)).isEqualTo(5);
		var allocation = web.api().get("/api/v1/inventory/allocations?sku=" + sku).json().path("data").path(0);
		assertThat(allocation.path("quantity").asInt()).isEqualTo(2);
		assertThat(allocation.path("reserved").asInt()).isZero();
	}

	@Test
	void onlyUnitsNoChannelHoldsCanBeAllocated() {
		Caller web = channel(ChannelType.WEB);
		Caller app = channel(ChannelType.MOBILE_APP);
		Caller marketplace = channel(ChannelType.MARKETPLACE);
		String location = location(web.api());
		String sku = sku();
		receive(web.api(), sku, location, 5);
		web.api()
			.put("/api/v1/inventory/allocations",
					Map.of("sku", sku, "locationId", location, "channelId", app.id().value(), "quantity", 4));

		Api.Response refused = web.api()
			.put("/api/v1/inventory/allocations",
					Map.of("sku", sku, "locationId", location, "channelId", marketplace.id().value(), "quantity", 2));

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.number("available")).isEqualTo(1);
		assertThat(refused.errorField()).isEqualTo("quantity");
	}

	@Test
	void aKeyWithoutInventoryManageCannotAllocate() {
		Caller till = channel(ChannelType.STORE,
				java.util.EnumSet.of(io.omnis.kernel.security.Permission.INVENTORY_WRITE));
		Api.Response refused = till.api()
			.put("/api/v1/inventory/allocations",
					Map.of("sku", sku(), "locationId", "loc_x", "channelId", till.id().value(), "quantity", 1));
		assertThat(refused.status()).isEqualTo(403);
	}

	private static int available(Caller caller, String sku) {
		return caller.api().get("/api/v1/availability?sku=" + sku).number("available");
	}

}
