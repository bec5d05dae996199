package io.omnis.returns;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.order.OrderId;
import io.omnis.order.Refunds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checkouts paid partly from store credit and the rest by card (or at the store), and
 * their refunds: card first, store credit last, never more than each method took, an
 * exchange's charged difference included. Amounts by hand, in EUR cents.
 */
class SplitPaymentTests extends ReturnFixtures {

	private static final String CARD = "4242424242424242";

	private static final String DECLINED = "4000000000000002";

	@Autowired
	StoreCredit credit;

	@Autowired
	Refunds refunds;

	@Test
	void aSplitCheckoutSpendsTheCreditOnceAndChargesTheCardTheRest() {
		String lamp = product(priceList(), 4990);
		receive(lamp, warehouse(), 2);
		Shop web = web();
		String profile = creditedProfile(5000);
		String cart = cart(web, ", \"profileId\": \"" + profile + "\"", lamp, 2);
		String key = UUID.randomUUID().toString();

		JsonNode order = split(web, cart, key, "test-card", CARD, "1500").expect(201);

		assertThat(order.path("status").asString()).isEqualTo("PAID");
		// The main method stays on the order: the card, which paid the rest
		assertThat(order.path("paymentMethod").asString()).isEqualTo("test-card");
		String id = order.path("id").asString();
		assertThat(values(order.path("payments"), "method")).containsExactly("store-credit", "test-card");
		JsonNode payments = web.api().get("/api/v1/orders/" + id).expect(200).path("payments");
		assertThat(values(payments, "method")).containsExactly("store-credit", "test-card");
		assertThat(payments.get(0).path("amount").path("amount").asLong()).isEqualTo(1500);
		assertThat(payments.get(0).path("reference").asString()).startsWith("scr_");
		assertThat(payments.get(1).path("amount").path("amount").asLong()).isEqualTo(2 * 4990 - 1500);
		assertThat(payments.get(1).path("reference").asString()).isEqualTo(order.path("paymentReference").asString());
		assertThat(balance(profile)).isEqualTo(5000 - 1500);

		// A retry with the same key answers the same order; the credit is spent once
		Answer replay = split(web, cart, key, "test-card", CARD, "1500");
		assertThat(replay.status()).isEqualTo(201);
		assertThat(replay.json().path("id").asString()).isEqualTo(id);
		assertThat(balance(profile)).isEqualTo(5000 - 1500);
		assertThat(values(ledger(profile), "reason")).containsExactly("spent", "return-test-seed");

		// The console's order page lists both parts
		String page = console(signIn("admin", ADMIN_PASSWORD)).get("/console/orders/" + id).text();
		assertThat(page).contains("id=\"payments\"", "store-credit", "15.00 EUR", "84.80 EUR",
				payments.get(0).path("reference").asString());
	}

	@Test
	void aDeclinedCardSpendsNoCredit() {
		String lamp = product(priceList(), 4990);
		String warehouse = warehouse();
		receive(lamp, warehouse, 1);
		Shop web = web();
		String profile = creditedProfile(3000);
		String cart = cart(web, ", \"profileId\": \"" + profile + "\"", lamp, 1);

		split(web, cart, UUID.randomUUID().toString(), "test-card", DECLINED, "1000").expectProblem(402,
				"payment-declined", "payment.cardNumber");

		assertThat(balance(profile)).isEqualTo(3000);
		assertThat(values(ledger(profile), "reason")).containsExactly("return-test-seed");
		assertThat(web.api().get("/api/v1/carts/" + cart).expect(200).path("status").asString()).isEqualTo("OPEN");
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isZero();
	}

	@Test
	void badStoreCreditIsRefusedNamingTheFieldAndChangesNothing() {
		String lamp = product(priceList(), 4990);
		String warehouse = warehouse();
		receive(lamp, warehouse, 1);
		Shop web = web();
		String profile = creditedProfile(2000);
		String cart = cart(web, ", \"profileId\": \"" + profile + "\"", lamp, 1);

		refused(web, cart, "test-card", "-1", 400, "invalid-field");
		refused(web, cart, "test-card", "\"twelve\"", 400, "invalid-field");
		refused(web, cart, "test-card", "12.5", 400, "invalid-field");
		// Above the total, or all of it (that is the method store-credit)
		refused(web, cart, "test-card", "4991", 400, "invalid-field");
		refused(web, cart, "test-card", "4990", 400, "invalid-field");
		// The method store-credit pays it all already
		refused(web, cart, "store-credit", "100", 400, "invalid-field");
		// Above her balance of 20.00
		refused(web, cart, "test-card", "2001", 409, "conflict");
		// An anonymous cart has no credit
		String anonymous = cart(web, ", \"anonymousId\": \"anon-" + UUID.randomUUID() + "\"", lamp, 1);
		refused(web, anonymous, "test-card", "100", 400, "invalid-field");

		assertThat(balance(profile)).isEqualTo(2000);
		assertThat(values(ledger(profile), "reason")).containsExactly("return-test-seed");
		assertThat(web.api().get("/api/v1/carts/" + cart).expect(200).path("status").asString()).isEqualTo("OPEN");
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isZero();

		// Zero is no split at all; the order is paid by card in one go
		JsonNode order = split(web, cart, UUID.randomUUID().toString(), "test-card", CARD, "0").expect(201);
		assertThat(order.path("status").asString()).isEqualTo("PAID");
		assertThat(balance(profile)).isEqualTo(2000);
	}

	@Test
	void cancellingASplitOrderGivesTheCardAndTheCreditBackEachTheirShare() {
		String lamp = product(priceList(), 4990);
		receive(lamp, warehouse(), 1);
		Shop web = web();
		String profile = creditedProfile(4000);
		String cart = cart(web, ", \"profileId\": \"" + profile + "\"", lamp, 1);
		String id = paidSplit(web, cart, 4000);
		assertThat(balance(profile)).isZero();

		web.api().post("/api/v1/orders/" + id + "/cancel", "{}").expect(200);

		JsonNode given = web.api().get("/api/v1/orders/" + id + "/refunds").expect(200);
		assertThat(given.path("captured").path("amount").asLong()).isEqualTo(4990);
		assertThat(given.path("refunded").path("amount").asLong()).isEqualTo(4990);
		// Card first, then the credit
		assertThat(values(given.path("data"), "paymentMethod")).containsExactly("test-card", "store-credit");
		assertThat(given.path("data").get(0).path("amount").path("amount").asLong()).isEqualTo(990);
		assertThat(given.path("data").get(1).path("amount").path("amount").asLong()).isEqualTo(4000);
		assertThat(balance(profile)).isEqualTo(4000);
		JsonNode payments = web.api().get("/api/v1/orders/" + id).expect(200).path("payments");
		payments.forEach(p -> assertThat(p.path("refunded")).isEqualTo(p.path("amount")));
	}

	@Test
	void returningOneLineOfASplitOrderRefundsTheCardFirstThenTheCredit() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String vase = product(prices, 3000);
		String warehouse = warehouse();
		receive(lamp, warehouse, 1);
		receive(vase, warehouse, 1);
		Shop web = web();
		Shop store = store();
		String profile = creditedProfile(6000);
		String cart = cart(web, ", \"profileId\": \"" + profile + "\"", lamp, 1, vase, 1);
		// 79.90: 60.00 from credit, 19.90 by card
		String id = paidSplit(web, cart, 6000);
		backoffice().post("/api/v1/orders/" + id + "/allocate", "").expect(200);
		backoffice().post("/api/v1/orders/" + id + "/fulfil", "").expect(200);

		receiveReturn(store, startReturn(store.api(), id, "REFUND", line(lamp, 1, "CHANGED_MIND")).expect(201));

		JsonNode given = backoffice().get("/api/v1/orders/" + id + "/refunds").expect(200);
		assertThat(values(given.path("data"), "paymentMethod")).containsExactly("test-card", "store-credit");
		assertThat(given.path("data").get(0).path("amount").path("amount").asLong()).isEqualTo(1990);
		assertThat(given.path("data").get(1).path("amount").path("amount").asLong()).isEqualTo(3000);
		assertThat(balance(profile)).isEqualTo(3000);

		// The other line: only credit is left to give back
		receiveReturn(store, startReturn(store.api(), id, "REFUND", line(vase, 1, "CHANGED_MIND")).expect(201));

		given = backoffice().get("/api/v1/orders/" + id + "/refunds").expect(200);
		assertThat(values(given.path("data"), "paymentMethod")).containsExactly("test-card", "store-credit",
				"store-credit");
		assertThat(given.path("refunded").path("amount").asLong()).isEqualTo(7990);
		assertThat(balance(profile)).isEqualTo(6000);
		// Nothing is left: a further cent is refused
		assertThatThrownBy(() -> refunds.refund(new OrderId(id), Money.of(1, "EUR"), "test", null))
			.isInstanceOf(ProblemException.class)
			.hasMessageContaining("left to refund");
	}

	@Test
	void anExchangesChargedDifferenceIsRefundableThroughTheCardThatPaidIt() {
		String prices = priceList();
		String small = product(prices, 2990);
		String large = product(prices, 3990);
		receive(small, warehouse(), 1);
		Shop web = web();
		Shop store = store();
		receive(large, store.location(), 1);
		String profile = creditedProfile(1000);
		String cart = cart(web, ", \"profileId\": \"" + profile + "\"", small, 1);
		// 29.90: 10.00 from credit, 19.90 by card
		String id = paidSplit(web, cart, 1000);
		backoffice().post("/api/v1/orders/" + id + "/allocate", "").expect(200);
		backoffice().post("/api/v1/orders/" + id + "/fulfil", "").expect(200);

		// A dearer item: 39.90 − 29.90 = 10.00 charged to the order's card
		JsonNode started = store.api()
			.post("/api/v1/orders/" + id + "/returns",
					"""
							{"resolution": "EXCHANGE", "lines": [%s],
							 "exchange": {"sku": "%s", "method": "PICKUP", "pickupLocationId": "%s",
							              "payment": {"cardNumber": "%s"}}}""".formatted(line(small, 1, "SIZE_OR_FIT"),
							large, store.location(), CARD))
			.expect(201);
		String charge = started.path("exchange").path("chargeReference").asString();
		JsonNode payments = backoffice().get("/api/v1/orders/" + id).expect(200).path("payments");
		assertThat(values(payments, "kind")).containsExactly("CHECKOUT", "CHECKOUT", "CHARGE");
		assertThat(payments.get(2).path("reference").asString()).isEqualTo(charge);
		assertThat(payments.get(2).path("amount").path("amount").asLong()).isEqualTo(1000);
		JsonNode given = backoffice().get("/api/v1/orders/" + id + "/refunds").expect(200);
		assertThat(given.path("captured").path("amount").asLong()).isEqualTo(2990 + 1000);

		// Everything that was paid can be given back, more than the order's own total
		List<String> methods = new ArrayList<>();
		refunds.refundParts(new OrderId(id), Money.of(3990, "EUR"), "goodwill", null)
			.forEach(r -> methods.add(r.paymentMethod() + " " + r.amount().minorUnits() + " " + r.reference()));
		assertThat(methods).hasSize(3);
		assertThat(methods.get(0)).startsWith("test-card 1990 rfd_");
		assertThat(methods.get(1)).startsWith("test-card 1000 rfd_");
		assertThat(methods.get(2)).startsWith("store-credit 1000 scr_");
		assertThat(balance(profile)).isEqualTo(1000);
		assertThatThrownBy(() -> refunds.refund(new OrderId(id), Money.of(1, "EUR"), "test", null))
			.isInstanceOf(ProblemException.class);

		// Cancelling the exchange now gives nothing back twice: its charge was refunded
		JsonNode cancelled = store.api()
			.post("/api/v1/returns/" + started.path("id").asString() + "/cancel", "")
			.expect(200);
		assertThat(cancelled.path("exchange").path("chargeReturned").asString()).startsWith("refunded-earlier:");
	}

	@Test
	void theRestPaidAtTheStoreIsOnlyTheRestAndAnUnpaidSplitOrderGivesTheCreditBack() {
		String lamp = product(priceList(), 4990);
		receive(lamp, warehouse(), 2);
		Shop web = web();
		String profile = creditedProfile(3000);

		String paidLater = split(web, cart(web, ", \"profileId\": \"" + profile + "\"", lamp, 1),
				UUID.randomUUID().toString(), "pay-in-store", null, "1000")
			.expect(201)
			.path("id")
			.asString();
		String cancelled = split(web, cart(web, ", \"profileId\": \"" + profile + "\"", lamp, 1),
				UUID.randomUUID().toString(), "pay-in-store", null, "2000")
			.expect(201)
			.path("id")
			.asString();
		assertThat(balance(profile)).isZero();

		// Paying the rest is one method: no second split
		backoffice().post("/api/v1/orders/" + paidLater + "/pay", "{\"method\": \"pay-in-store\", \"storeCredit\": 1}")
			.expectProblem(400, "invalid-field", "payment.storeCredit");
		JsonNode paid = backoffice().post("/api/v1/orders/" + paidLater + "/pay", "{\"method\": \"pay-in-store\"}")
			.expect(200);
		assertThat(paid.path("status").asString()).isNotEqualTo("PLACED");
		JsonNode payments = paid.path("payments");
		assertThat(values(payments, "method")).containsExactly("store-credit", "pay-in-store");
		assertThat(values(payments, "kind")).containsExactly("CHECKOUT", "PAYMENT");
		assertThat(payments.get(1).path("amount").path("amount").asLong()).isEqualTo(4990 - 1000);

		// Never paid, cancelled: the credit it took goes back
		web.api().post("/api/v1/orders/" + cancelled + "/cancel", "{}").expect(200);
		JsonNode given = web.api().get("/api/v1/orders/" + cancelled + "/refunds").expect(200);
		assertThat(values(given.path("data"), "paymentMethod")).containsExactly("store-credit");
		assertThat(given.path("refunded").path("amount").asLong()).isEqualTo(2000);
		assertThat(balance(profile)).isEqualTo(2000);
	}

	@Test
	void refundsRacingOnASplitOrderNeverGiveBackMoreThanEachMethodTook() throws Exception {
		String lamp = product(priceList(), 4990);
		receive(lamp, warehouse(), 2);
		Shop web = web();
		String profile = creditedProfile(1500);
		String cart = cart(web, ", \"profileId\": \"" + profile + "\"", lamp, 2);
		// 99.80: 15.00 from credit, 84.80 by card
		String id = paidSplit(web, cart, 1500);
		int threads = 12;
		java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.atomic.AtomicInteger given = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
		List<Throwable> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
		try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
			for (int i = 0; i < threads; i++) {
				pool.submit(() -> {
					try {
						start.await();
						refunds.refund(new OrderId(id), Money.of(1000, "EUR"), "race", null);
						given.incrementAndGet();
					}
					catch (ProblemException tooMuch) {
						refused.incrementAndGet();
					}
					catch (Throwable other) {
						unexpected.add(other);
					}
					return null;
				});
			}
			start.countDown();
		}

		assertThat(unexpected).isEmpty();
		// 9 × 10.00 fit in 99.80, a tenth does not
		assertThat(given.get()).isEqualTo(9);
		assertThat(refused.get()).isEqualTo(threads - 9);
		JsonNode payments = backoffice().get("/api/v1/orders/" + id).expect(200).path("payments");
		assertThat(payments.get(0).path("refunded").path("amount").asLong()).isEqualTo(9000 - 8480);
		assertThat(payments.get(1).path("refunded").path("amount").asLong()).isEqualTo(8480);
		JsonNode all = backoffice().get("/api/v1/orders/" + id + "/refunds").expect(200);
		assertThat(all.path("refunded").path("amount").asLong()).isEqualTo(9000);
		long sum = 0;
		for (JsonNode r : all.path("data")) {
			sum += r.path("amount").path("amount").asLong();
		}
		assertThat(sum).isEqualTo(9000);
		assertThat(balance(profile)).isEqualTo(9000 - 8480);
	}

	@Test
	void twoSplitCheckoutsRacingForTheSameCreditNeverSpendMoreThanSheHas() throws Exception {
		String lamp = product(priceList(), 4990);
		receive(lamp, warehouse(), 8);
		Shop web = web();
		String profile = creditedProfile(2500);
		int carts = 4;
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < carts; i++) {
			ids.add(cart(web, ", \"profileId\": \"" + profile + "\"", lamp, 1));
		}
		java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
		List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
		try (var pool = java.util.concurrent.Executors.newFixedThreadPool(carts)) {
			for (String cart : ids) {
				answers.add(pool.submit(() -> {
					start.await();
					return split(web, cart, UUID.randomUUID().toString(), "test-card", CARD, "1000").status();
				}));
			}
			start.countDown();
		}
		List<Integer> statuses = new ArrayList<>();
		for (var answer : answers) {
			statuses.add(answer.get());
		}

		// 25.00 pays two parts of 10.00, not a third
		assertThat(statuses).containsOnly(201, 409);
		assertThat(statuses.stream().filter(s -> s == 201)).hasSize(2);
		assertThat(balance(profile)).isEqualTo(500);
		assertThat(values(ledger(profile), "reason")).containsExactly("spent", "spent", "return-test-seed");
	}

	/** A known customer holding the store credit. */
	private String creditedProfile(long cents) {
		String profile = profile("split-" + UUID.randomUUID() + "@example.com");
		credit.credit(profile, Money.of(cents, "EUR"), "seed-" + UUID.randomUUID(), "return-test-seed");
		return profile;
	}

	/** A card and store-credit checkout that must succeed: the order's id. */
	private static String paidSplit(Shop shop, String cart, long storeCredit) {
		return split(shop, cart, UUID.randomUUID().toString(), "test-card", CARD, Long.toString(storeCredit))
			.expect(201)
			.path("id")
			.asString();
	}

	private static Answer split(Shop shop, String cart, String key, String method, String card, String storeCredit) {
		String payment = "{\"method\": \"%s\"%s, \"storeCredit\": %s}".formatted(method,
				card == null ? "" : ", \"cardNumber\": \"" + card + "\"", storeCredit);
		return shop.api()
			.post("/api/v1/carts/" + cart + "/checkout", "{\"payment\": " + payment + "}", "Idempotency-Key", key);
	}

	private static void refused(Shop shop, String cart, String method, String storeCredit, int status, String type) {
		split(shop, cart, UUID.randomUUID().toString(), method, CARD, storeCredit).expectProblem(status, type,
				"payment.storeCredit");
	}

	private static void receiveReturn(Shop store, JsonNode started) {
		store.api()
			.post("/api/v1/returns/" + started.path("id").asString() + "/receive",
					"{\"locationId\": \"%s\", \"disposition\": \"RESTOCK\"}".formatted(store.location()))
			.expect(200);
	}

	private long balance(String profile) {
		JsonNode found = backoffice().get("/api/v1/customers/" + profile + "/store-credit").expect(200);
		return found.path("balances").isEmpty() ? 0 : found.path("balances").get(0).path("amount").asLong();
	}

	private JsonNode ledger(String profile) {
		return backoffice().get("/api/v1/customers/" + profile + "/store-credit").expect(200).path("data");
	}

}
