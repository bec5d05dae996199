package io.omnis.demo;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.omnis.inventory.Allocations;
import io.omnis.inventory.Inventory;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationType;
import io.omnis.inventory.Locations;
import io.omnis.inventory.Sku;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo organisation comes with stock: stores tied to their tills, a distribution
 * centre, a dark store, and units held for the marketplace.
 */
@SpringBootTest(properties = { "omnis.database.embedded.data-dir=target/test-pg/demo-${random.uuid}",
		"omnis.demo.enabled=true", "omnis.admin.password=demo-tests-admin" })
class DemoInventoryTests {

	@Autowired
	Locations locations;

	@Autowired
	Inventory inventory;

	@Autowired
	Allocations allocations;

	@Test
	void lumenHasStoresTiedToTheirTillsAWarehouseAndStockHeldForTheMarketplace() {
		var all = locations.page(null, 200, null).data();

		assertThat(all).hasSize(8);
		assertThat(all.stream().filter(l -> l.type() == LocationType.STORE)).hasSize(6)
			.allSatisfy(store -> assertThat(store.channelId()).isNotNull());
		Location warehouse = all.stream().filter(l -> l.type() == LocationType.WAREHOUSE).findFirst().orElseThrow();
		assertThat(inventory.stock(new Sku("LMN-TEE-WHT-M"), warehouse.id()).orElseThrow().onHand()).isGreaterThan(10);
		assertThat(allocations.list(new Sku("LMN-TEE-WHT-M"), warehouse.id())).hasSize(1)
			.allSatisfy(allocation -> assertThat(allocation.quantity()).isEqualTo(10));
	}

}
