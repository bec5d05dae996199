package io.omnis.returns;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exchanges for an item of another price, amounts computed by hand (PT VAT 23 %): a
 * dearer item is charged through the order's payment provider before it is reserved (a
 * declined card leaves nothing changed), a cheaper one gives the difference back on
 * receipt to the order's payment or as store credit, and a cancelled exchange gives its
 * charge back.
 */
class ExchangeDifferenceTests extends ReturnFixtures {

	private static final String CARD = "{\"cardNumber\": \"4242424242424242\"}";

	private static final String DECLINED = "{\"cardNumber\": \"4000000000000002\"}";

	@Test
	void aDearerItemPricedWithoutTaxIsChargedTheGrossDifferenceThenReserved() {
		String small = product(priceList(), 2990);
		// Listed net: 30.00 + 23 % VAT = 36.90 a unit, tax included
		String large = productWithoutTax(3000);
		receive(small, warehouse(), 2);
		Shop store = store();
		receive(large, store.location(), 2);
		String orderId = handedOverWebOrder(web(), small, 2).path("id").asString();

		JsonNode started = exchange(store, orderId, line(small, 2, "SIZE_OR_FIT"), large, CARD, null).expect(201);

		JsonNode exchange = started.path("exchange");
		assertThat(started.path("amount").path("amount").asLong()).isEqualTo(2 * 2990);
		assertThat(exchange.path("unitPrice").path("amount").asLong()).isEqualTo(3690);
		// 2 × 36.90 − 2 × 29.90 = 14.00
		assertThat(exchange.path("difference").path("amount").asLong()).isEqualTo(1400);
		assertThat(exchange.path("difference").path("decimal").asString()).isEqualTo("14.00");
		assertThat(exchange.path("chargeMethod").asString()).isEqualTo("test-card");
		assertThat(exchange.path("chargeReference").asString()).startsWith("pay_");
		assertThat(exchange.path("fulfilmentId").asString()).startsWith("ful_");
		assertThat(stock(large, store.location()).path("reserved").asInt()).isEqualTo(2);
		// The console's return view shows the amounts
		Answer view = console(signIn("admin", ADMIN_PASSWORD)).get("/console/returns/" + started.path("id").asString());
		assertThat(view.status()).isEqualTo(200);
		assertThat(view.text()).contains("36.90 EUR", "Difference charged", "14.00 EUR",
				exchange.path("chargeReference").asString());

		// Received: an exchange owes nothing more, no refund
		JsonNode received = store.api()
			.post("/api/v1/returns/" + started.path("id").asString() + "/receive",
					"{\"locationId\": \"%s\", \"disposition\": \"RESTOCK\"}".formatted(store.location()))
			.expect(200);
		assertThat(received.path("status").asString()).isEqualTo("EXCHANGED");
		assertThat(received.path("refundId").isNull()).isTrue();
		assertThat(backoffice().get("/api/v1/orders/" + orderId + "/refunds").expect(200).path("data")).isEmpty();
	}

	@Test
	void aDeclinedChargeLeavesNothingChanged() {
		String prices = priceList();
		String small = product(prices, 2990);
		String large = product(prices, 3990);
		receive(small, warehouse(), 1);
		Shop store = store();
		receive(large, store.location(), 1);
		String orderId = handedOverWebOrder(web(), small, 1).path("id").asString();

		exchange(store, orderId, line(small, 1, "SIZE_OR_FIT"), large, DECLINED, null).expectProblem(402,
				"payment-declined", "exchange.payment.cardNumber");
		// No payment details for a dearer item: refused too
		exchange(store, orderId, line(small, 1, "SIZE_OR_FIT"), large, null, null).expectProblem(400, "invalid-field",
				"exchange.payment.cardNumber");
		// refundTo is for a cheaper item only
		exchange(store, orderId, line(small, 1, "SIZE_OR_FIT"), large, CARD, "STORE_CREDIT").expectProblem(400,
				"invalid-field", "exchange.refundTo");

		JsonNode returns = backoffice().get("/api/v1/orders/" + orderId + "/returns").expect(200);
		assertThat(returns.path("data")).isEmpty();
		assertThat(returns.path("returnable").get(0).path("returnable").asInt()).isEqualTo(1);
		assertThat(stock(large, store.location()).path("reserved").asInt()).isZero();
		assertThat(tasksAt(store.location())).isEmpty();

		// The same with a good card goes through: 39.90 − 29.90 = 10.00
		JsonNode started = exchange(store, orderId, line(small, 1, "SIZE_OR_FIT"), large, CARD, null).expect(201);
		assertThat(started.path("exchange").path("difference").path("amount").asLong()).isEqualTo(1000);
		assertThat(stock(large, store.location()).path("reserved").asInt()).isEqualTo(1);

		// Cancelled: the item is let go and the charge given back
		JsonNode cancelled = store.api()
			.post("/api/v1/returns/" + started.path("id").asString() + "/cancel", "")
			.expect(200);
		assertThat(cancelled.path("exchange").path("chargeReturned").asString()).startsWith("rfd_");
		assertThat(stock(large, store.location()).path("reserved").asInt()).isZero();
	}

	@Test
	void aCheaperItemRefundsTheDifferenceToTheCardOnReceipt() {
		String lamp = product(priceList(), 4990);
		String mug = productWithoutTax(3000);
		receive(lamp, warehouse(), 1);
		Shop store = store();
		receive(mug, store.location(), 1);
		String orderId = handedOverWebOrder(web(), lamp, 1).path("id").asString();

		JsonNode started = exchange(store, orderId, line(lamp, 1, "CHANGED_MIND"), mug, null, null).expect(201);
		// 36.90 − 49.90 = −13.00, owed to her on receipt; nothing charged
		assertThat(started.path("exchange").path("difference").path("amount").asLong()).isEqualTo(-1300);
		assertThat(started.path("exchange").path("refundTo").asString()).isEqualTo("REFUND");
		assertThat(started.path("exchange").path("chargeReference").isNull()).isTrue();
		assertThat(console(signIn("admin", ADMIN_PASSWORD)).get("/console/returns/" + started.path("id").asString())
			.text()).contains("Difference owed to the customer", "13.00 EUR");
		assertThat(backoffice().get("/api/v1/orders/" + orderId + "/refunds").expect(200).path("data")).isEmpty();

		JsonNode received = store.api()
			.post("/api/v1/returns/" + started.path("id").asString() + "/receive",
					"{\"locationId\": \"%s\", \"disposition\": \"RESTOCK\"}".formatted(store.location()))
			.expect(200);

		assertThat(received.path("status").asString()).isEqualTo("EXCHANGED");
		JsonNode refunds = backoffice().get("/api/v1/orders/" + orderId + "/refunds").expect(200);
		assertThat(refunds.path("refunded").path("amount").asLong()).isEqualTo(1300);
		assertThat(refunds.path("data").get(0).path("reason").asString()).isEqualTo("exchange");
		assertThat(refunds.path("data").get(0).path("id").asString()).isEqualTo(received.path("refundId").asString());
	}

	@Test
	void aCheaperItemGivesTheDifferenceAsStoreCreditWhenSheChoosesIt() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String bulb = product(prices, 350);
		Shop store = store();
		receive(lamp, store.location(), 2);
		receive(bulb, store.location(), 5);
		String email = "eva-" + UUID.randomUUID() + "@example.com";
		String profile = profile(email);
		JsonNode sale = store.api()
			.post("/api/v1/till-sales",
					"""
							{"currency": "EUR", "customer": {"email": "%s"}, "lines": [{"sku": "%s", "quantity": 1}]}"""
						.formatted(email, lamp))
			.expect(201);
		String orderId = sale.path("id").asString();

		// A dearer item cannot be charged to cash paid at the till
		String dearer = product(prices, 5990);
		receive(dearer, store.location(), 1);
		exchange(store, orderId, line(lamp, 1, "OTHER"), dearer, CARD, null).expectProblem(409, "conflict",
				"exchange.payment");
		assertThat(stock(dearer, store.location()).path("reserved").asInt()).isZero();
		exchange(store, orderId, line(lamp, 1, "OTHER"), bulb, null, "BARTER").expectProblem(400, "invalid-field",
				"exchange.refundTo");

		JsonNode started = exchange(store, orderId, line(lamp, 1, "OTHER"), bulb, null, "STORE_CREDIT").expect(201);
		// 3.50 − 49.90 = −46.40
		assertThat(started.path("exchange").path("difference").path("amount").asLong()).isEqualTo(-4640);
		JsonNode received = store.api()
			.post("/api/v1/returns/" + started.path("id").asString() + "/receive",
					"{\"locationId\": \"%s\", \"disposition\": \"RESTOCK\"}".formatted(store.location()))
			.expect(200);

		assertThat(received.path("creditEntryId").asString()).startsWith("scr_");
		JsonNode credit = backoffice().get("/api/v1/customers/" + profile + "/store-credit").expect(200);
		assertThat(credit.path("balances").get(0).path("amount").asLong()).isEqualTo(4640);
		assertThat(credit.path("data").get(0).path("reason").asString()).isEqualTo("exchange");
	}

	private static Answer exchange(Shop store, String orderId, String line, String sku, String payment,
			String refundTo) {
		return store.api()
			.post("/api/v1/orders/" + orderId + "/returns",
					"""
							{"resolution": "EXCHANGE", "lines": [%s],
							 "exchange": {"sku": "%s", "method": "PICKUP", "pickupLocationId": "%s"%s%s}}""".formatted(
							line, sku, store.location(), payment == null ? "" : ", \"payment\": " + payment,
							refundTo == null ? "" : ", \"refundTo\": \"" + refundTo + "\""));
	}

	private JsonNode tasksAt(String location) {
		return backoffice().get("/api/v1/fulfilment/locations/" + location + "/tasks").expect(200).path("data");
	}

	/** A product priced net in a list without tax, in EUR. */
	private String productWithoutTax(long netCents) {
		String list = backoffice()
			.post("/api/v1/catalog/price-lists",
					"""
							{"name": "%s", "currency": "EUR", "channels": [], "taxInclusive": false, "priority": 0}"""
						.formatted(unique("Net prices")))
			.expect(201)
			.path("id")
			.asString();
		return product(list, netCents);
	}

}
