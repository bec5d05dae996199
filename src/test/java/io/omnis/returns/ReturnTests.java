package io.omnis.returns;

import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Returns over HTTP: started in one channel for an order of another, received at a store
 * and disposed of there, refunded through the order's payment.
 */
class ReturnTests extends ReturnFixtures {

	@Test
	void aReturnAtAStoreForAWebOrderIsRestockedThereAndRefunded() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String bulb = product(prices, 350);
		String warehouse = warehouse();
		receive(lamp, warehouse, 5);
		receive(bulb, warehouse, 10);
		Shop web = web();
		Shop store = store();
		JsonNode order = handedOverWebOrder(web, lamp, 2, bulb, 3);
		String orderId = order.path("id").asString();
		assertThat(order.path("status").asString()).isEqualTo("FULFILLED");
		int before = onHand(lamp, store.location());

		// At the store's counter, with the store's own key, for an order of the web shop
		JsonNode started = startReturn(store.api(), orderId, "REFUND", line(lamp, 1, "SIZE_OR_FIT")).expect(201);
		String returnId = started.path("id").asString();
		assertThat(returnId).startsWith("ret_");
		assertThat(started.path("status").asString()).isEqualTo("REQUESTED");
		assertThat(started.path("channelId").asString()).isEqualTo(store.id());
		assertThat(started.path("expectedLocationId").asString()).isEqualTo(store.location());
		assertThat(started.path("amount").path("amount").asLong()).isEqualTo(4990);
		JsonNode expected = store.api().get("/api/v1/locations/" + store.location() + "/returns").expect(200);
		assertThat(values(expected.path("data"), "id")).contains(returnId);

		JsonNode received = store.api()
			.post("/api/v1/returns/" + returnId + "/receive",
					"{\"locationId\": \"%s\", \"disposition\": \"RESTOCK\"}".formatted(store.location()))
			.expect(200);

		assertThat(received.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(received.path("receivedLocationId").asString()).isEqualTo(store.location());
		assertThat(received.path("lines").get(0).path("disposition").asString()).isEqualTo("RESTOCK");
		assertThat(onHand(lamp, store.location())).isEqualTo(before + 1);
		JsonNode movement = lastMovement(lamp, store.location());
		assertThat(movement.path("type").asString()).isEqualTo("RETURN");
		assertThat(movement.path("onHandDelta").asInt()).isEqualTo(1);
		assertThat(movement.path("reference").asString()).isEqualTo(returnId);
		assertThat(onHand(lamp, warehouse)).isEqualTo(3);

		JsonNode refunds = backoffice().get("/api/v1/orders/" + orderId + "/refunds").expect(200);
		assertThat(refunds.path("captured").path("amount").asLong()).isEqualTo(2 * 4990 + 3 * 350);
		assertThat(refunds.path("refunded").path("amount").asLong()).isEqualTo(4990);
		JsonNode refund = refunds.path("data").get(0);
		assertThat(refund.path("id").asString()).isEqualTo(received.path("refundId").asString());
		assertThat(refund.path("paymentMethod").asString()).isEqualTo("test-card");
		assertThat(refund.path("reference").asString()).startsWith("rfd_");
		assertThat(refund.path("reason").asString()).isEqualTo("return");
		assertThat(refund.path("sourceReference").asString()).isEqualTo(returnId);
		assertThat(values(
				store.api().get("/api/v1/locations/" + store.location() + "/returns").expect(200).path("data"), "id"))
			.doesNotContain(returnId);

		// Received once only
		store.api()
			.post("/api/v1/returns/" + returnId + "/receive",
					"{\"locationId\": \"%s\", \"disposition\": \"RESTOCK\"}".formatted(store.location()))
			.expectProblem(409, "conflict", "status");
		assertThat(onHand(lamp, store.location())).isEqualTo(before + 1);
	}

	@Test
	void aKitReturnedAtAStoreGoesBackIntoItsStockAsItsParts() {
		String prices = priceList();
		String bulb = "BULB-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
		String shade = "SHADE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
		String kit = "KIT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
		backoffice()
			.post("/api/v1/catalog/products",
					"""
							{"handle": "%s", "title": "Reading lamp set", "status": "ACTIVE",
							 "variants": [{"sku": "%s", "taxCategory": "standard"}, {"sku": "%s", "taxCategory": "standard"},
							              {"sku": "%s", "taxCategory": "standard",
							               "components": [{"sku": "%s", "quantity": 3}, {"sku": "%s", "quantity": 1}]}]}"""
						.formatted(kit.toLowerCase(Locale.ROOT), bulb, shade, kit, bulb, shade))
			.expect(201);
		price(prices, kit, 2990);
		String warehouse = warehouse();
		receive(bulb, warehouse, 6);
		receive(shade, warehouse, 2);
		Shop web = web();
		Shop store = store();
		String orderId = handedOverWebOrder(web, kit, 2).path("id").asString();
		assertThat(onHand(bulb, warehouse)).isZero();
		assertThat(onHand(shade, warehouse)).isZero();

		String returnId = startReturn(store.api(), orderId, "REFUND", line(kit, 1, "CHANGED_MIND")).expect(201)
			.path("id")
			.asString();
		JsonNode received = store.api()
			.post("/api/v1/returns/" + returnId + "/receive",
					"{\"locationId\": \"%s\", \"disposition\": \"RESTOCK\"}".formatted(store.location()))
			.expect(200);

		assertThat(received.path("status").asString()).isEqualTo("REFUNDED");
		// One kit back is three bulbs and a shade on the store's shelves; no stock of the
		// kit
		assertThat(onHand(bulb, store.location())).isEqualTo(3);
		assertThat(onHand(shade, store.location())).isEqualTo(1);
		assertThat(onHand(kit, store.location())).isZero();
		JsonNode movement = lastMovement(bulb, store.location());
		assertThat(movement.path("type").asString()).isEqualTo("RETURN");
		assertThat(movement.path("onHandDelta").asInt()).isEqualTo(3);
		assertThat(movement.path("reference").asString()).isEqualTo(returnId);
		assertThat(backoffice().get("/api/v1/orders/" + orderId + "/refunds")
			.expect(200)
			.path("refunded")
			.path("amount")
			.asLong()).isEqualTo(2990);
	}

	@Test
	void aDamagedItemIsWrittenOffAndNotRestocked() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String warehouse = warehouse();
		receive(lamp, warehouse, 3);
		Shop store = store();
		String orderId = handedOverWebOrder(web(), lamp, 2).path("id").asString();
		String returnId = startReturn(store.api(), orderId, "REFUND", line(lamp, 2, "DAMAGED")).expect(201)
			.path("id")
			.asString();

		JsonNode received = store.api()
			.post("/api/v1/returns/" + returnId + "/receive",
					"{\"locationId\": \"%s\", \"lines\": [{\"disposition\": \"DAMAGED\"}]}".formatted(store.location()))
			.expect(200);

		assertThat(received.path("lines").get(0).path("disposition").asString()).isEqualTo("DAMAGED");
		assertThat(received.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(onHand(lamp, store.location())).isZero();
		assertThat(onHand(lamp, warehouse)).isEqualTo(1);
		assertThat(backoffice().get("/api/v1/orders/" + orderId + "/refunds")
			.expect(200)
			.path("refunded")
			.path("amount")
			.asLong()).isEqualTo(2 * 4990);
	}

	@Test
	void anItemSentToAWarehouseLeavesTheStoreAndArrivesThere() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String from = warehouse();
		String to = warehouse();
		receive(lamp, from, 2);
		Shop store = store();
		String orderId = handedOverWebOrder(web(), lamp, 1).path("id").asString();
		String returnId = startReturn(store.api(), orderId, "REFUND", line(lamp, 1, "CHANGED_MIND")).expect(201)
			.path("id")
			.asString();

		// Not a warehouse: refused, nothing changed
		store.api()
			.post("/api/v1/returns/" + returnId + "/receive",
					"{\"locationId\": \"%s\", \"disposition\": \"TO_WAREHOUSE\", \"warehouseId\": \"%s\"}"
						.formatted(store.location(), store.location()))
			.expectProblem(400, "invalid-field", "warehouseId");
		assertThat(backoffice().get("/api/v1/returns/" + returnId).expect(200).path("status").asString())
			.isEqualTo("REQUESTED");

		JsonNode received = store.api()
			.post("/api/v1/returns/" + returnId + "/receive",
					"{\"locationId\": \"%s\", \"disposition\": \"TO_WAREHOUSE\", \"warehouseId\": \"%s\"}"
						.formatted(store.location(), to))
			.expect(200);

		assertThat(received.path("lines").get(0).path("disposedTo").asString()).isEqualTo(to);
		assertThat(onHand(lamp, to)).isEqualTo(1);
		assertThat(onHand(lamp, store.location())).isZero();
		assertThat(lastMovement(lamp, store.location()).path("type").asString()).isEqualTo("TRANSFER_OUT");
		assertThat(lastMovement(lamp, to).path("type").asString()).isEqualTo("TRANSFER_IN");
	}

	@Test
	void aReturnOfMoreThanWasBoughtIsRefusedNamingTheLineAndChangesNothing() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		receive(lamp, warehouse(), 3);
		Shop web = web();
		String orderId = handedOverWebOrder(web, lamp, 2).path("id").asString();

		JsonNode problem = startReturn(web.api(), orderId, "REFUND", line(lamp, 3, "OTHER")).expectProblem(422,
				"exceeds-purchase", "lines[0].quantity");
		assertThat(problem.path("bought").asInt()).isEqualTo(2);

		JsonNode returns = web.api().get("/api/v1/orders/" + orderId + "/returns").expect(200);
		assertThat(returns.path("data")).isEmpty();
		assertThat(returns.path("returnable").get(0).path("returnable").asInt()).isEqualTo(2);
	}

	@Test
	void unitsAlreadyReturnedCannotBeReturnedAgainUntilThatReturnIsCancelled() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String bulb = product(prices, 350);
		String warehouse = warehouse();
		receive(lamp, warehouse, 3);
		receive(bulb, warehouse, 3);
		Shop web = web();
		String orderId = handedOverWebOrder(web, lamp, 2, bulb, 1).path("id").asString();
		String first = startReturn(web.api(), orderId, "REFUND", line(lamp, 2, "DEFECTIVE")).expect(201)
			.path("id")
			.asString();

		startReturn(web.api(), orderId, "REFUND", line(lamp, 1, "DEFECTIVE")).expectProblem(409, "conflict",
				"lines[0].quantity");
		// A return whose second line is refused leaves its first line returnable
		startReturn(web.api(), orderId, "REFUND", line(bulb, 1, "OTHER"), line(lamp, 1, "OTHER")).expectProblem(409,
				"conflict", "lines[1].quantity");
		JsonNode returnable = web.api().get("/api/v1/orders/" + orderId + "/returns").expect(200).path("returnable");
		assertThat(returnable.get(0).path("returnable").asInt()).isZero();
		assertThat(returnable.get(1).path("returnable").asInt()).isEqualTo(1);

		assertThat(web.api().post("/api/v1/returns/" + first + "/cancel", "").expect(200).path("status").asString())
			.isEqualTo("CANCELLED");
		startReturn(web.api(), orderId, "REFUND", line(lamp, 1, "DEFECTIVE")).expect(201);
		web.api().post("/api/v1/returns/" + first + "/cancel", "").expectProblem(409, "conflict", "status");
	}

	@Test
	void aReturnOfAnOrderNotHandedOverIsRefused() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		receive(lamp, warehouse(), 3);
		Shop web = web();
		String cart = cart(web, ", \"anonymousId\": \"anon-" + UUID.randomUUID() + "\"", lamp, 1);
		String orderId = checkout(web, cart, "{\"method\": \"test-card\", \"cardNumber\": \"4242424242424242\"}")
			.expect(201)
			.path("id")
			.asString();
		startReturn(web.api(), orderId, "REFUND", line(lamp, 1, "OTHER")).expectProblem(409, "conflict", "orderId");
	}

	@Test
	void theSameIdempotencyKeyStartsOneReturn() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		receive(lamp, warehouse(), 3);
		Shop web = web();
		String orderId = handedOverWebOrder(web, lamp, 2).path("id").asString();
		String key = UUID.randomUUID().toString();
		String body = "{\"resolution\": \"REFUND\", \"lines\": [%s]}".formatted(line(lamp, 1, "OTHER"));

		String first = web.api()
			.post("/api/v1/orders/" + orderId + "/returns", body, "Idempotency-Key", key)
			.expect(201)
			.path("id")
			.asString();
		String again = web.api()
			.post("/api/v1/orders/" + orderId + "/returns", body, "Idempotency-Key", key)
			.expect(201)
			.path("id")
			.asString();

		assertThat(again).isEqualTo(first);
		assertThat(web.api().get("/api/v1/orders/" + orderId + "/returns").expect(200).path("data")).hasSize(1);
	}

}
