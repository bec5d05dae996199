package io.omnis.order;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import io.omnis.Poll;
import io.omnis.channel.ChannelType;
import io.omnis.fulfilment.Pickups;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Click and collect: the customer is told with a code when her order is ready, the
 * counter hands it over only for that code (all of it, or part with the rest kept or
 * returned), a wrong, replaced, foreign or used code changes nothing, and an order not
 * collected within the hold period is cancelled with its stock back on the shelf.
 */
class PickupTests extends PickupFixtures {

	@Autowired
	Pickups pickups;

	@Test
	void theCustomerGetsHerCodeWhenTheOrderIsReadyAndTheCounterHandsItOverForThatCodeOnly() {
		String lamp = product(priceList(), 1990);
		String store = pickupStore();
		String elsewhere = pickupStore();
		receive(lamp, store, 3);
		Shop web = channel(ChannelType.WEB);
		String email = email();
		String order = order(web, "PICKUP", store, email, lamp, "2").path("id").asString();
		workUntilReady(store, lamp, "2");

		String mail = mail(email, order);
		assertThat(mail).contains("is ready to collect at").contains("We keep it for you until");
		String code = code(mail);
		assertThat(code).hasSize(8).doesNotContain("0", "O", "1", "I", "L");
		String counterTask = openTask(store, "HAND_OVER").path("id").asString();
		// The counter's hand-over needs the customer's code
		backoffice().post("/api/v1/fulfilment/tasks/" + counterTask + "/complete", "").expectProblem(409, "conflict");
		backoffice().post("/api/v1/fulfilment/locations/" + store + "/pickups", codeBody("ZZZZ2345"))
			.expectProblem(422, "invalid-code", "code");
		backoffice().post("/api/v1/fulfilment/locations/" + store + "/pickups", "{\"code\": \"\"}")
			.expectProblem(400, "invalid-field", "code");
		backoffice().post("/api/v1/fulfilment/locations/" + store + "/pickups", "{\"code\": \"<script>\"}")
			.expectProblem(400, "invalid-field", "code");
		backoffice().post("/api/v1/fulfilment/locations/" + elsewhere + "/pickups", codeBody(code))
			.expectProblem(422, "invalid-code", "code");
		backoffice().post("/api/v1/fulfilment/locations/loc_01jdbogus0000000000000000/pickups", codeBody(code))
			.expectProblem(404, "not-found");
		assertThat(stock(lamp, store).path("reserved").asInt()).isEqualTo(2);

		// Typed as she reads it: lower case, with a dash
		JsonNode checked = backoffice()
			.post("/api/v1/fulfilment/locations/" + store + "/pickups/check",
					codeBody(code.substring(0, 4).toLowerCase() + "-" + code.substring(4)))
			.expect(200);
		assertThat(checked.path("reference").asString()).isEqualTo(order);
		assertThat(checked.path("remaining").asInt()).isEqualTo(2);
		JsonNode collected = handOver(store, codeBody(code));

		assertThat(collected.path("status").asString()).isEqualTo("COLLECTED");
		assertThat(collected.path("handOvers").get(0).path("quantity").asInt()).isEqualTo(2);
		assertThat(collected.path("handOvers").get(0).path("handedBy").asString()).startsWith("key:");
		assertThat(stock(lamp, store).path("onHand").asInt()).isEqualTo(1);
		assertThat(stock(lamp, store).path("reserved").asInt()).isZero();
		Poll.until(Duration.ofSeconds(10), () -> web.api().get("/api/v1/orders/" + order).expect(200),
				o -> o.path("status").asString().equals("FULFILLED"));
		// Used once
		JsonNode reused = backoffice().post("/api/v1/fulfilment/locations/" + store + "/pickups", codeBody(code))
			.expectProblem(409, "conflict", "code");
		assertThat(reused.path("detail").asString()).contains("used already");
		assertThat(stock(lamp, store).path("onHand").asInt()).isEqualTo(1);
	}

	@Test
	void partOfAnOrderIsHandedOverTheRestWaitsForTheSameCodeAndIsReturnedWhenSheDoesNotWantIt() {
		String prices = priceList();
		String lamp = product(prices, 1990);
		String shade = product(prices, 990);
		String store = pickupStore();
		receive(lamp, store, 5);
		receive(shade, store, 1);
		Shop web = channel(ChannelType.WEB);
		String email = email();
		String order = order(web, "PICKUP", store, email, lamp, "3", shade, "1").path("id").asString();
		workUntilReady(store, lamp, "3", shade, "1");
		String code = code(mail(email, order));
		String path = "/api/v1/fulfilment/locations/" + store + "/pickups";

		// More than waits, none, negative, unknown SKU, twice the same SKU: refused,
		// nothing changed
		backoffice()
			.post(path, "{\"code\": \"" + code + "\", \"lines\": [{\"sku\": \"" + lamp + "\", \"quantity\": 4}]}")
			.expectProblem(400, "invalid-field", "lines[0].quantity");
		backoffice()
			.post(path, "{\"code\": \"" + code + "\", \"lines\": [{\"sku\": \"" + lamp + "\", \"quantity\": 0}]}")
			.expectProblem(400, "invalid-field", "lines[0].quantity");
		backoffice()
			.post(path, "{\"code\": \"" + code + "\", \"lines\": [{\"sku\": \"" + lamp + "\", \"quantity\": -2}]}")
			.expectProblem(400, "invalid-field", "lines[0].quantity");
		backoffice().post(path, "{\"code\": \"" + code + "\", \"lines\": [{\"sku\": \"NOPE\", \"quantity\": 1}]}")
			.expectProblem(400, "invalid-field", "lines[0].sku");
		backoffice()
			.post(path,
					"{\"code\": \"" + code + "\", \"lines\": [{\"sku\": \"" + lamp
							+ "\", \"quantity\": 1}, {\"sku\": \"" + lamp + "\", \"quantity\": 1}]}")
			.expectProblem(400, "invalid-field", "lines[1].sku");
		backoffice().post(path, "{\"code\": \"" + code + "\", \"remainder\": \"LATER\"}").expectClientProblem();
		assertThat(backoffice().post(path + "/check", codeBody(code)).expect(200).path("collected").asInt()).isZero();

		JsonNode part = handOver(store,
				"{\"code\": \"" + code + "\", \"lines\": [{\"sku\": \"" + lamp + "\", \"quantity\": 1}]}");
		assertThat(part.path("status").asString()).isEqualTo("READY");
		assertThat(part.path("remaining").asInt()).isEqualTo(3);
		// Nothing leaves stock until the pickup is closed; the rest stays held
		assertThat(stock(lamp, store).path("reserved").asInt()).isEqualTo(3);
		assertThat(web.api().get("/api/v1/orders/" + order).expect(200).path("status").asString())
			.isEqualTo("ALLOCATED");
		// She took part of it: the order can no longer be cancelled as a whole
		web.api()
			.post("/api/v1/orders/" + order + "/cancel", "{\"reason\": \"changed her mind\"}")
			.expectProblem(409, "conflict");
		assertThat(stock(lamp, store).path("reserved").asInt()).isEqualTo(3);

		JsonNode rest = handOver(store, "{\"code\": \"" + code + "\", \"lines\": [{\"sku\": \"" + lamp
				+ "\", \"quantity\": 1}], \"remainder\": \"RETURN\"}");

		assertThat(rest.path("status").asString()).isEqualTo("COLLECTED");
		assertThat(rest.path("collected").asInt()).isEqualTo(2);
		assertThat(stock(lamp, store).path("onHand").asInt()).isEqualTo(3);
		assertThat(stock(lamp, store).path("reserved").asInt()).isZero();
		assertThat(stock(shade, store).path("onHand").asInt()).isEqualTo(1);
		assertThat(stock(shade, store).path("reserved").asInt()).isZero();
		Poll.until(Duration.ofSeconds(10), () -> web.api().get("/api/v1/orders/" + order).expect(200),
				o -> o.path("status").asString().equals("FULFILLED"));
		backoffice().post(path, codeBody(code)).expectProblem(409, "conflict", "code");
	}

	@Test
	void anOrderNotCollectedWithinTheHoldPeriodIsCancelledItsStockReturnedAndSheIsTold() {
		String lamp = product(priceList(), 1990);
		String store = pickupStore();
		receive(lamp, store, 2);
		Shop web = channel(ChannelType.WEB);
		String email = email();
		String order = order(web, "PICKUP", store, email, lamp, "2").path("id").asString();
		workUntilReady(store, lamp, "2");
		String code = code(mail(email, order + " is ready"));
		String fulfilment = openTask(store, "HAND_OVER").path("fulfilmentId").asString();
		JsonNode ready = backoffice().get("/api/v1/fulfilment/pickups/" + fulfilment).expect(200);
		assertThat(Duration.between(java.time.Instant.parse(ready.path("readyAt").asString()),
				java.time.Instant.parse(ready.path("holdUntil").asString())))
			.isEqualTo(Duration.ofDays(5));
		// Not yet due: nothing happens
		pickups.expireDue();
		assertThat(backoffice().get("/api/v1/fulfilment/pickups/" + fulfilment).expect(200).path("status").asString())
			.isEqualTo("READY");

		jdbc.sql("update pickup set hold_until = now() - interval '1 second' where fulfilment_id = :id")
			.param("id", fulfilment)
			.update();
		assertThat(pickups.expireDue()).isPositive();

		assertThat(backoffice().get("/api/v1/fulfilment/pickups/" + fulfilment).expect(200).path("status").asString())
			.isEqualTo("EXPIRED");
		assertThat(stock(lamp, store).path("reserved").asInt()).isZero();
		assertThat(stock(lamp, store).path("onHand").asInt()).isEqualTo(2);
		JsonNode cancelled = Poll.until(Duration.ofSeconds(10),
				() -> web.api().get("/api/v1/orders/" + order).expect(200),
				o -> o.path("status").asString().equals("CANCELLED"));
		assertThat(cancelled.path("cancelReason").asString()).contains("not collected");
		assertThat(mail(email, order + " was not collected")).contains("cancelled");
		assertThat(openTaskCount(store)).isZero();
		backoffice().post("/api/v1/fulfilment/locations/" + store + "/pickups", codeBody(code))
			.expectProblem(409, "conflict", "code");
	}

	@Test
	void whenTheHoldEndsAfterAPartialPickupWhatWasTakenIsSoldAndTheRestReturned() {
		String lamp = product(priceList(), 1990);
		String store = pickupStore();
		receive(lamp, store, 3);
		Shop web = channel(ChannelType.WEB);
		String email = email();
		String order = order(web, "PICKUP", store, email, lamp, "3").path("id").asString();
		workUntilReady(store, lamp, "3");
		String code = code(mail(email, order + " is ready"));
		String fulfilment = handOver(store,
				"{\"code\": \"" + code + "\", \"lines\": [{\"sku\": \"" + lamp + "\", \"quantity\": 1}]}")
			.path("fulfilmentId")
			.asString();

		jdbc.sql("update pickup set hold_until = now() - interval '1 second' where fulfilment_id = :id")
			.param("id", fulfilment)
			.update();
		pickups.expireDue();

		JsonNode expired = backoffice().get("/api/v1/fulfilment/pickups/" + fulfilment).expect(200);
		assertThat(expired.path("status").asString()).isEqualTo("EXPIRED");
		assertThat(expired.path("collected").asInt()).isEqualTo(1);
		assertThat(stock(lamp, store).path("onHand").asInt()).isEqualTo(2);
		assertThat(stock(lamp, store).path("reserved").asInt()).isZero();
		Poll.until(Duration.ofSeconds(10), () -> web.api().get("/api/v1/orders/" + order).expect(200),
				o -> o.path("status").asString().equals("FULFILLED"));
		assertThat(mail(email, order + " was not collected")).contains("2 items").contains("back on the shelf");
	}

	@Test
	void resendingThePickupCodeSendsANewOneAndTheOldOneStopsWorking() {
		String lamp = product(priceList(), 1990);
		String store = pickupStore();
		receive(lamp, store, 1);
		Shop web = channel(ChannelType.WEB);
		String email = email();
		String order = order(web, "PICKUP", store, email, lamp, "1").path("id").asString();
		String path = "/api/v1/fulfilment/locations/" + store + "/pickups";
		// Not ready yet
		backoffice().post("/api/v1/orders/" + order + "/pickup-code", "").expectProblem(409, "conflict");
		workUntilReady(store, lamp, "1");
		String first = code(mail(email, order));

		JsonNode resent = backoffice().post("/api/v1/orders/" + order + "/pickup-code", "").expect(200);

		assertThat(resent.path("noticeId").asString()).startsWith("ntc_");
		assertThat(resent.toString()).doesNotContain(first);
		Poll.until(Duration.ofSeconds(20), () -> mails(email, order), n -> n == 2);
		String second = code(mail(email, order));
		assertThat(second).isNotEqualTo(first);
		assertThat(mail(email, order)).contains("no longer works");
		JsonNode replaced = backoffice().post(path, codeBody(first)).expectProblem(422, "invalid-code", "code");
		assertThat(replaced.path("detail").asString()).contains("replaced");
		assertThat(handOver(store, codeBody(second)).path("status").asString()).isEqualTo("COLLECTED");
		// Collected: nothing to resend
		backoffice().post("/api/v1/orders/" + order + "/pickup-code", "").expectProblem(409, "conflict");
		backoffice().post("/api/v1/orders/ord_bogus/pickup-code", "").expectProblem(404, "not-found");
		backoffice().get("/api/v1/fulfilment/pickups/ful_bogus").expectProblem(404, "not-found");
	}

	@Test
	void associatesHandingOverTheSameCodeAtOnceSellTheUnitsOnce() throws Exception {
		String lamp = product(priceList(), 1990);
		String store = pickupStore();
		receive(lamp, store, 4);
		Shop web = channel(ChannelType.WEB);
		String email = email();
		String order = order(web, "PICKUP", store, email, lamp, "3").path("id").asString();
		workUntilReady(store, lamp, "3");
		String code = code(mail(email, order));
		String path = "/api/v1/fulfilment/locations/" + store + "/pickups";
		int tills = 8;
		java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
		java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
		try (var pool = java.util.concurrent.Executors.newFixedThreadPool(tills)) {
			for (int i = 0; i < tills; i++) {
				// Each takes one unit and keeps the rest: three succeed, the others find
				// none left
				answers.add(pool.submit(() -> {
					start.await();
					return backoffice()
						.post(path,
								"{\"code\": \"" + code + "\", \"lines\": [{\"sku\": \"" + lamp
										+ "\", \"quantity\": 1}]}")
						.status();
				}));
			}
			start.countDown();
			java.util.List<Integer> statuses = new java.util.ArrayList<>();
			for (var answer : answers) {
				statuses.add(answer.get());
			}
			assertThat(statuses).filteredOn(s -> s == 200).hasSize(3);
			assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 409 || s == 400);
		}
		JsonNode pickup = backoffice().get("/api/v1/fulfilment/pickups/" + openTaskFulfilment(order)).expect(200);
		assertThat(pickup.path("status").asString()).isEqualTo("COLLECTED");
		assertThat(pickup.path("collected").asInt()).isEqualTo(3);
		assertThat(pickup.path("handOvers")).hasSize(3);
		assertThat(stock(lamp, store).path("onHand").asInt()).isEqualTo(1);
		assertThat(stock(lamp, store).path("reserved").asInt()).isZero();
	}

	private String openTaskFulfilment(String order) {
		return jdbc.sql("select fulfilment_id from order_delivery where order_id = :id")
			.param("id", order)
			.query(String.class)
			.single();
	}

	private int openTaskCount(String store) {
		return backoffice().get("/api/v1/fulfilment/locations/" + store + "/tasks").expect(200).path("data").size();
	}

}
