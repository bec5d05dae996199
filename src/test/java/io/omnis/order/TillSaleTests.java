package io.omnis.order;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.catalog.internal.Gtin;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Till sales: scanned by barcode or SKU, taken from the store of the till's channel as
 * SALE movements, hers when she gives a loyalty card, phone or e-mail, kept as a
 * completed order.
 */
class TillSaleTests extends OrderFixtures {

	private static final AtomicLong CODES = new AtomicLong(System.nanoTime() % 1_000_000_000L);

	@Test
	void aScannedSaleTakesTheStoresStockAndIsACompletedOrderOfTheCustomer() {
		String prices = priceList();
		String barcode = gtin13();
		String lamp = product(prices, 4990, barcode);
		String bulb = product(prices, 350);
		Shop store = store();
		Shop other = store();
		receive(lamp, store.location(), 3);
		receive(lamp, other.location(), 3);
		receive(bulb, store.location(), 10);
		String card = "LC-" + CODES.incrementAndGet();

		JsonNode sale = store.api()
			.post("/api/v1/till-sales",
					"""
							{"currency": "EUR", "customer": {"loyaltyCard": "%s"},
							 "lines": [{"barcode": "%s", "quantity": 1}, {"sku": "%s", "quantity": 4}]}"""
						.formatted(card, barcode, bulb))
			.expect(201);

		assertThat(sale.path("kind").asString()).isEqualTo("TILL_SALE");
		assertThat(sale.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(sale.path("fulfilment").isNull()).isTrue();
		assertThat(sale.path("locationId").asString()).isEqualTo(store.location());
		assertThat(sale.path("lines").get(0).path("sku").asString()).isEqualTo(lamp);
		assertThat(sale.path("total").path("amount").asLong()).isEqualTo(4990 + 4 * 350);
		assertThat(sale.path("customerIds").get(0).asString()).isEqualTo("loyalty_card:" + card);
		assertThat(stock(lamp, store.location()).path("onHand").asInt()).isEqualTo(2);
		assertThat(stock(lamp, other.location()).path("onHand").asInt()).isEqualTo(3);
		assertThat(stock(bulb, store.location()).path("onHand").asInt()).isEqualTo(6);
		JsonNode ledger = backoffice().get("/api/v1/inventory/ledger?sku=" + lamp + "&location=" + store.location())
			.expect(200)
			.path("data");
		JsonNode last = ledger.get(ledger.size() - 1);
		assertThat(last.path("type").asString()).isEqualTo("SALE");
		assertThat(last.path("reference").asString()).isEqualTo(sale.path("id").asString());
		assertThat(last.path("channelId").asString()).isEqualTo(store.id());

		JsonNode history = backoffice().get("/api/v1/orders?customer=loyalty_card:" + card).expect(200);
		assertThat(history.path("data").get(0).path("id").asString()).isEqualTo(sale.path("id").asString());
	}

	@Test
	void anAnonymousSaleBelongsToNobody() {
		String prices = priceList();
		String bulb = product(prices, 350);
		Shop store = store();
		receive(bulb, store.location(), 2);
		JsonNode sale = store.api()
			.post("/api/v1/till-sales",
					"{\"currency\": \"EUR\", \"lines\": [{\"sku\": \"%s\", \"quantity\": 2}]}".formatted(bulb))
			.expect(201);
		assertThat(sale.path("customerIds")).isEmpty();
		assertThat(sale.path("profileId").isNull()).isTrue();
		assertThat(stock(bulb, store.location()).path("onHand").asInt()).isZero();
	}

	@Test
	void aSaleRefusedForAnyLineChangesNoStock() {
		String prices = priceList();
		String bulb = product(prices, 350);
		String lamp = product(prices, 4990);
		Shop store = store();
		receive(bulb, store.location(), 5);
		receive(lamp, store.location(), 1);

		store.api()
			.post("/api/v1/till-sales",
					"""
							{"currency": "EUR", "lines": [{"sku": "%s", "quantity": 2}, {"sku": "%s", "quantity": 2}]}"""
						.formatted(bulb, lamp))
			.expectProblem(409, "insufficient-stock");
		store.api()
			.post("/api/v1/till-sales",
					"""
							{"currency": "EUR", "lines": [{"sku": "%s", "quantity": 2}, {"barcode": "0000000000000", "quantity": 1}]}"""
						.formatted(bulb))
			.expectProblem(404, "not-found", "lines[1].barcode");
		assertThat(stock(bulb, store.location()).path("onHand").asInt()).isEqualTo(5);
		assertThat(stock(lamp, store.location()).path("onHand").asInt()).isEqualTo(1);
	}

	@Test
	void aChannelWithoutAStoreCannotRingUpASale() {
		String prices = priceList();
		String bulb = product(prices, 350);
		String sale = "{\"currency\": \"EUR\", \"lines\": [{\"sku\": \"%s\", \"quantity\": 1}]}".formatted(bulb);
		channel(ChannelType.STORE).api().post("/api/v1/till-sales", sale).expectProblem(409, "conflict", "channel");
		channel(ChannelType.WEB).api().post("/api/v1/till-sales", sale).expectProblem(409, "conflict", "channel");
	}

	static String gtin13() {
		String digits = "57" + String.format("%010d", CODES.incrementAndGet() % 10_000_000_000L);
		return digits + Gtin.checkDigit(digits);
	}

}
