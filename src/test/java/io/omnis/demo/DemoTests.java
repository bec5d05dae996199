package io.omnis.demo;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;

import io.omnis.catalog.Catalog;
import io.omnis.catalog.Variant;
import io.omnis.conversation.Conversations;
import io.omnis.fulfilment.WorkQueue;
import io.omnis.inventory.Allocations;
import io.omnis.inventory.Inventory;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationType;
import io.omnis.inventory.Locations;
import io.omnis.inventory.Sku;
import io.omnis.knowledge.ArticleMatch;
import io.omnis.knowledge.KnowledgeBase;
import io.omnis.order.Order;
import io.omnis.order.OrderKind;
import io.omnis.order.OrderStatus;
import io.omnis.order.Orders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo organisation comes with stock (stores tied to their tills, a distribution
 * centre, a dark store, units held for the marketplace), a priced catalogue, orders from
 * every kind of channel with the stores' work that follows from them, a help centre and
 * customers writing in.
 */
@SpringBootTest(properties = { "omnis.database.embedded.data-dir=target/test-pg/demo-${random.uuid}",
		"omnis.demo.enabled=true", "omnis.admin.password=demo-tests-admin" })
class DemoTests {

	@Autowired
	Locations locations;

	@Autowired
	Inventory inventory;

	@Autowired
	Allocations allocations;

	@Autowired
	Catalog catalog;

	@Autowired
	Orders orders;

	@Autowired
	WorkQueue work;

	@Autowired
	KnowledgeBase knowledge;

	@Autowired
	Conversations conversations;

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

	@Test
	void everySkuInStockIsOnSaleWithABarcodeAndAPrice() {
		for (DemoCommerce.Product product : DemoCommerce.PRODUCTS) {
			for (String size : DemoCommerce.SIZES) {
				Variant variant = catalog.variant(product.sku() + "-" + size).orElseThrow();
				assertThat(variant.barcode()).hasSize(13);
			}
		}
	}

	@Test
	void ordersFromTheWebTheAppAndTheTillsArePlacedAndTheStoresHaveWorkFromThem() {
		List<Order> recent = orders.recent(null, 200, null).data();

		assertThat(recent).extracting(Order::kind).contains(OrderKind.ONLINE, OrderKind.TILL_SALE);
		assertThat(recent.stream().filter(order -> order.kind() == OrderKind.ONLINE)).hasSizeGreaterThan(20);
		assertThat(recent).filteredOn(order -> order.status() == OrderStatus.ALLOCATED).isNotEmpty();
		long tasks = locations.page(null, 200, null)
			.data()
			.stream()
			.mapToLong(location -> work.queue(location.id().value(), null, 200).data().size())
			.sum();
		assertThat(tasks).isPositive();
	}

	@Test
	void theHelpCentreHasArticlesAndCustomersAreWritingIn() {
		assertThat(knowledge.list("en", null, false, 50)).hasSizeGreaterThanOrEqualTo(6);
		assertThat(knowledge.closest("how many days do I have to return something?", "en", 3)).first()
			.extracting(ArticleMatch::slug)
			.isEqualTo("returns-and-exchanges");
		assertThat(conversations.page(null, null, null, null, 50).data()).isNotEmpty();
	}

}
