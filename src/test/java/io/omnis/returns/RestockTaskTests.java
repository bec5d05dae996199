package io.omnis.returns;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restocking a return as a task of the location's work queue: a return started at a
 * store's counter (or a shipped-back one marked arrived) puts a RESTOCK_RETURN task with
 * a due time in that store's queue; the associate scans each returned item (a code not in
 * the return changes nothing), chooses what becomes of each line, and completing the task
 * moves stock exactly as receiving the return does, once.
 */
class RestockTaskTests extends ReturnFixtures {

	@Test
	void aCounterReturnIsRestockedByScanningAndChoosingPerLine() {
		String prices = priceList();
		Item lamp = productWithBarcode(prices, 4990);
		Item bulb = productWithBarcode(prices, 350);
		String warehouse = warehouse();
		receive(lamp.sku(), warehouse, 5);
		receive(bulb.sku(), warehouse, 5);
		Shop store = store();
		String orderId = handedOverWebOrder(web(), lamp.sku(), 1, bulb.sku(), 2).path("id").asString();
		Instant before = Instant.now();

		String returnId = startReturn(store.api(), orderId, "REFUND", line(lamp.sku(), 1, "SIZE_OR_FIT"),
				line(bulb.sku(), 2, "DAMAGED"))
			.expect(201)
			.path("id")
			.asString();

		JsonNode task = restockTaskOf(store.location(), returnId);
		String taskId = task.path("id").asString();
		assertThat(task.path("kind").asString()).isEqualTo("RESTOCK_RETURN");
		assertThat(task.path("fulfilmentId").isNull()).isTrue();
		assertThat(task.path("late").asBoolean()).isFalse();
		Instant due = Instant.parse(task.path("dueAt").asString());
		assertThat(due).isBetween(before.plus(Duration.ofHours(24)),
				Instant.now().plus(Duration.ofHours(24)).plusSeconds(1));
		assertThat(values(task.path("items"), "sku")).containsExactly(lamp.sku(), bulb.sku());
		assertThat(values(task.path("items"), "barcode")).containsExactly(lamp.barcode(), bulb.barcode());

		// A barcode not in the return: refused, nothing scanned
		Item other = productWithBarcode(prices, 100);
		scan(taskId, other.barcode()).expectProblem(400, "invalid-field", "barcode");
		assertThat(pickedOf(taskId)).containsExactly("0", "0");

		// Completing before every unit is scanned: refused, nothing changed
		scan(taskId, lamp.barcode()).expect(200);
		completeTask(store, taskId, "{\"disposition\": \"RESTOCK\"}").expectProblem(409, "conflict", "items");
		assertThat(status(returnId)).isEqualTo("REQUESTED");
		assertThat(onHand(lamp.sku(), store.location())).isZero();

		scan(taskId, bulb.barcode()).expect(200);
		scan(taskId, bulb.barcode()).expect(200);
		scan(taskId, bulb.barcode()).expectProblem(409, "conflict");
		assertThat(pickedOf(taskId)).containsExactly("1", "2");

		JsonNode received = completeTask(store, taskId,
				"{\"lines\": [{\"disposition\": \"RESTOCK\"}, {\"disposition\": \"DAMAGED\"}]}")
			.expect(200);

		assertThat(received.path("status").asString()).isEqualTo("REFUNDED");
		assertThat(received.path("receivedLocationId").asString()).isEqualTo(store.location());
		assertThat(values(received.path("lines"), "disposition")).containsExactly("RESTOCK", "DAMAGED");
		assertThat(onHand(lamp.sku(), store.location())).isEqualTo(1);
		assertThat(lastMovement(lamp.sku(), store.location()).path("type").asString()).isEqualTo("RETURN");
		assertThat(onHand(bulb.sku(), store.location())).isZero();
		assertThat(onHand(bulb.sku(), warehouse)).isEqualTo(3);
		assertThat(backoffice().get("/api/v1/orders/" + orderId + "/refunds")
			.expect(200)
			.path("refunded")
			.path("amount")
			.asLong()).isEqualTo(4990 + 2 * 350);
		assertThat(backoffice().get("/api/v1/fulfilment/tasks/" + taskId).expect(200).path("status").asString())
			.isEqualTo("DONE");
		assertThat(values(tasks(store.location()), "id")).doesNotContain(taskId);

		// Not twice: the task is done, stock and refunds stay
		completeTask(store, taskId, "{\"disposition\": \"RESTOCK\"}").expectProblem(409, "conflict", "status");
		scan(taskId, lamp.barcode()).expectProblem(409, "conflict");
		assertThat(onHand(lamp.sku(), store.location())).isEqualTo(1);
		assertThat(backoffice().get("/api/v1/orders/" + orderId + "/refunds")
			.expect(200)
			.path("refunded")
			.path("amount")
			.asLong()).isEqualTo(4990 + 2 * 350);
	}

	@Test
	void aShippedBackReturnArrivesAtAStoreAndIsSentOnToAWarehouse() {
		String prices = priceList();
		Item lamp = productWithBarcode(prices, 4990);
		String from = warehouse();
		String to = warehouse();
		receive(lamp.sku(), from, 2);
		Shop web = web();
		Shop store = store();
		String orderId = handedOverWebOrder(web, lamp.sku(), 1).path("id").asString();
		String returnId = startReturn(web.api(), orderId, "REFUND", line(lamp.sku(), 1, "CHANGED_MIND")).expect(201)
			.path("id")
			.asString();
		assertThat(values(tasks(store.location()), "returnId")).doesNotContain(returnId);

		JsonNode task = store.api()
			.post("/api/v1/returns/" + returnId + "/arrivals", "{\"locationId\": \"%s\"}".formatted(store.location()))
			.expect(201);
		String taskId = task.path("id").asString();
		assertThat(task.path("returnId").asString()).isEqualTo(returnId);
		assertThat(task.path("locationId").asString()).isEqualTo(store.location());
		assertThat(values(tasks(store.location()), "id")).contains(taskId);
		// Arrived once: a second arrival anywhere is refused
		store.api()
			.post("/api/v1/returns/" + returnId + "/arrivals", "{\"locationId\": \"%s\"}".formatted(to))
			.expectProblem(409, "conflict", "locationId");
		store.api()
			.post("/api/v1/returns/" + returnId + "/arrivals", "{\"locationId\": \"loc_nope\"}")
			.expectProblem(400, "invalid-field", "locationId");

		scan(taskId, lamp.sku()).expect(200);
		// Not a warehouse: refused, nothing changed, the task stays open
		completeTask(store, taskId, "{\"lines\": [{\"disposition\": \"TO_WAREHOUSE\", \"warehouseId\": \"%s\"}]}"
			.formatted(store.location())).expectProblem(400, "invalid-field", "lines[0].warehouseId");
		assertThat(status(returnId)).isEqualTo("REQUESTED");
		assertThat(values(tasks(store.location()), "id")).contains(taskId);

		JsonNode received = completeTask(store, taskId,
				"{\"lines\": [{\"disposition\": \"TO_WAREHOUSE\", \"warehouseId\": \"%s\"}]}".formatted(to))
			.expect(200);

		assertThat(received.path("lines").get(0).path("disposedTo").asString()).isEqualTo(to);
		assertThat(onHand(lamp.sku(), to)).isEqualTo(1);
		assertThat(onHand(lamp.sku(), store.location())).isZero();
		assertThat(lastMovement(lamp.sku(), store.location()).path("type").asString()).isEqualTo("TRANSFER_OUT");
		assertThat(lastMovement(lamp.sku(), to).path("type").asString()).isEqualTo("TRANSFER_IN");
	}

	@Test
	void aLateRestockIsFlaggedAndCancellingTheReturnWithdrawsIt() {
		Restock restock = oneLampReturnedAtAStore();
		Item lamp = restock.lamp();
		Shop store = restock.store();
		String returnId = restock.returnId();
		String taskId = restock.taskId();
		jdbc.sql("update work_task set due_at = now() - interval '1 hour' where id = :id").param("id", taskId).update();

		assertThat(restockTaskOf(store.location(), returnId).path("late").asBoolean()).isTrue();

		store.api().post("/api/v1/returns/" + returnId + "/cancel", "").expect(200);
		assertThat(backoffice().get("/api/v1/fulfilment/tasks/" + taskId).expect(200).path("status").asString())
			.isEqualTo("CANCELLED");
		completeTask(store, taskId, "{\"disposition\": \"RESTOCK\"}").expectProblem(409, "conflict", "status");
		assertThat(onHand(lamp.sku(), store.location())).isZero();
	}

	@Test
	void receivingAReturnDirectlyClosesItsRestockTask() {
		Restock restock = oneLampReturnedAtAStore();
		Item lamp = restock.lamp();
		Shop store = restock.store();
		String returnId = restock.returnId();
		String taskId = restock.taskId();

		store.api()
			.post("/api/v1/returns/" + returnId + "/receive",
					"{\"locationId\": \"%s\", \"disposition\": \"RESTOCK\"}".formatted(store.location()))
			.expect(200);

		assertThat(backoffice().get("/api/v1/fulfilment/tasks/" + taskId).expect(200).path("status").asString())
			.isEqualTo("DONE");
		assertThat(onHand(lamp.sku(), store.location())).isEqualTo(1);
		// A pick-list task id is not a restock task
		completeTask(store, "tsk_unknown", "{\"disposition\": \"RESTOCK\"}").expectProblem(404, "not-found");
	}

	private io.omnis.Answer scan(String taskId, String code) {
		return backoffice().post("/api/v1/fulfilment/tasks/" + taskId + "/scans", "{\"barcode\": \"" + code + "\"}");
	}

	private static io.omnis.Answer completeTask(Shop store, String taskId, String body) {
		return store.api().post("/api/v1/returns/tasks/" + taskId + "/complete", body);
	}

	private String status(String returnId) {
		return backoffice().get("/api/v1/returns/" + returnId).expect(200).path("status").asString();
	}

	private JsonNode tasks(String location) {
		return backoffice().get("/api/v1/fulfilment/locations/" + location + "/tasks?limit=100")
			.expect(200)
			.path("data");
	}

	private JsonNode restockTaskOf(String location, String returnId) {
		for (JsonNode task : tasks(location)) {
			if (returnId.equals(task.path("returnId").asString())) {
				return task;
			}
		}
		throw new AssertionError("No restock task of " + returnId + " at " + location);
	}

	private java.util.List<String> pickedOf(String taskId) {
		return values(backoffice().get("/api/v1/fulfilment/tasks/" + taskId).expect(200).path("items"), "picked");
	}

	/** A web order's lamp returned at a store's counter, with its restock task. */
	private Restock oneLampReturnedAtAStore() {
		Item lamp = productWithBarcode(priceList(), 1000);
		receive(lamp.sku(), warehouse(), 2);
		Shop store = store();
		String orderId = handedOverWebOrder(web(), lamp.sku(), 1).path("id").asString();
		String returnId = startReturn(store.api(), orderId, "REFUND", line(lamp.sku(), 1, "OTHER")).expect(201)
			.path("id")
			.asString();
		return new Restock(lamp, store, returnId, restockTaskOf(store.location(), returnId).path("id").asString());
	}

	private record Restock(Item lamp, Shop store, String returnId, String taskId) {
	}

}
