package io.omnis.order;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import io.omnis.Answer;
import io.omnis.channel.ChannelType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkout places one order per cart whatever is submitted twice; payments by test card
 * and in store; the lifecycle refuses illegal transitions; cancelling and an unpaid order
 * running out of time let the stock go.
 */
class CheckoutTests extends OrderFixtures {

	@Autowired
	Orders orders;

	@Autowired
	ConfigurableApplicationContext context;

	/** The order events published while the body runs, in order. */
	private List<Object> published(String orderId, Runnable body) {
		List<Object> seen = new CopyOnWriteArrayList<>();
		ApplicationListener<PayloadApplicationEvent<?>> listener = event -> {
			Object payload = event.getPayload();
			if (payload.getClass().getPackageName().equals("io.omnis.order") && payload.toString().contains(orderId)) {
				seen.add(payload);
			}
		};
		context.addApplicationListener(listener);
		try {
			body.run();
		}
		finally {
			context.removeApplicationListener(listener);
		}
		return seen;
	}

	@Test
	void concurrentDuplicateSubmissionsPlaceExactlyOneOrder() throws Exception {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String warehouse = warehouse();
		receive(lamp, warehouse, 10);
		Shop web = channel(ChannelType.WEB);
		String cart = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, cart, lamp, 2).expect(200);
		String key = UUID.randomUUID().toString();

		List<Answer> answers = race(12, i -> i % 2 == 0 ? checkout(web, cart, key, card())
				: checkout(web, cart, UUID.randomUUID().toString(), card()));

		Set<String> orderIds = new HashSet<>();
		int created = 0;
		for (Answer answer : answers) {
			if (answer.status() == 201) {
				created++;
				orderIds.add(answer.json().path("id").asString());
			}
			else {
				// another key for the same cart: the cart was already checked out
				answer.expectProblem(409, "conflict", "cartId");
			}
		}
		assertThat(orderIds).hasSize(1);
		assertThat(created).isGreaterThanOrEqualTo(1);
		assertThat(jdbc.sql("select count(*) from customer_order where cart_id = ?")
			.param(cart)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isEqualTo(2);
		// A later retry with the first key replays the same order
		Answer replay = checkout(web, cart, key, card());
		if (replay.status() == 201) {
			assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
			assertThat(replay.json().path("id").asString()).isIn(orderIds);
		}
		else {
			replay.expectProblem(409, "conflict", "cartId");
		}
	}

	@Test
	void aDeclinedCardPlacesNothingAndHoldsNothing() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String warehouse = warehouse();
		receive(lamp, warehouse, 3);
		Shop web = channel(ChannelType.WEB);
		String cart = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, cart, lamp, 1).expect(200);

		JsonNode declined = checkout(web, cart, UUID.randomUUID().toString(),
				"{\"method\": \"test-card\", \"cardNumber\": \"4000000000000002\"}")
			.expectProblem(402, "payment-declined", "payment.cardNumber");
		assertThat(declined.path("declineCode").asString()).isEqualTo("card_declined");
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isZero();
		assertThat(web.api().get("/api/v1/carts/" + cart).expect(200).path("status").asString()).isEqualTo("OPEN");
		checkout(web, cart, UUID.randomUUID().toString(), "{\"method\": \"test-card\", \"cardNumber\": \"1234\"}")
			.expectProblem(400, "invalid-field", "payment.cardNumber");
		checkout(web, cart, UUID.randomUUID().toString(), "{\"method\": \"bitcoin\"}").expectProblem(400,
				"invalid-field", "payment.method");

		JsonNode order = payByCard(web, cart).expect(201);
		assertThat(order.path("status").asString()).isEqualTo("PAID");
		assertThat(order.path("paymentReference").asString()).startsWith("pay_");
	}

	@Test
	void anOrderMovesThroughItsLifecycleAndRefusesIllegalSteps() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String warehouse = warehouse();
		receive(lamp, warehouse, 5);
		Shop web = channel(ChannelType.WEB);
		String cart = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, cart, lamp, 2).expect(200);
		JsonNode placed = checkout(web, cart, UUID.randomUUID().toString(), "{\"method\": \"pay-in-store\"}")
			.expect(201);
		String order = placed.path("id").asString();
		assertThat(order).startsWith("ord_");
		assertThat(placed.path("status").asString()).isEqualTo("PLACED");
		assertThat(placed.path("paymentDueAt").isNull()).isFalse();
		assertThat(placed.path("lines").get(0).path("unitPrice").path("amount").asLong()).isEqualTo(4990);
		assertThat(placed.path("tax").path("amount").asLong() + placed.path("net").path("amount").asLong())
			.isEqualTo(2 * 4990);

		List<Object> events = published(order, () -> lifecycle(web, order, lamp, warehouse));
		assertThat(events).extracting(event -> event.getClass().getSimpleName())
			.containsExactly("OrderPaid", "OrderAllocated", "OrderFulfilled", "OrderCompleted");
	}

	private void lifecycle(Shop web, String order, String lamp, String warehouse) {
		backoffice().post("/api/v1/orders/" + order + "/fulfil", "").expectProblem(409, "conflict", "status");
		backoffice().post("/api/v1/orders/" + order + "/allocate", "").expectProblem(409, "conflict", "status");
		web.api().post("/api/v1/orders/" + order + "/allocate", "").expectProblem(403, "forbidden");

		assertThat(web.api()
			.post("/api/v1/orders/" + order + "/pay", "{\"method\": \"pay-in-store\"}")
			.expect(200)
			.path("status")
			.asString()).isEqualTo("PAID");
		web.api()
			.post("/api/v1/orders/" + order + "/pay", "{\"method\": \"pay-in-store\"}")
			.expectProblem(409, "conflict", "status");
		backoffice().post("/api/v1/orders/" + order + "/allocate", "").expect(200);
		assertThat(stock(lamp, warehouse).path("onHand").asInt()).isEqualTo(5);
		JsonNode fulfilled = backoffice().post("/api/v1/orders/" + order + "/fulfil", "").expect(200);
		assertThat(fulfilled.path("status").asString()).isEqualTo("FULFILLED");
		JsonNode after = stock(lamp, warehouse);
		assertThat(after.path("onHand").asInt()).isEqualTo(3);
		assertThat(after.path("reserved").asInt()).isZero();
		web.api().post("/api/v1/orders/" + order + "/cancel", "{}").expectProblem(409, "conflict", "status");
		assertThat(backoffice().post("/api/v1/orders/" + order + "/complete", "").expect(200).path("status").asString())
			.isEqualTo("COMPLETED");
		assertThat(stock(lamp, warehouse).path("onHand").asInt()).isEqualTo(3);
	}

	@Test
	void cancellingLetsTheStockGo() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String warehouse = warehouse();
		receive(lamp, warehouse, 2);
		Shop web = channel(ChannelType.WEB);
		String cart = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, cart, lamp, 2).expect(200);
		String order = payByCard(web, cart).expect(201).path("id").asString();
		assertThat(stock(lamp, warehouse).path("available").asInt()).isZero();

		JsonNode cancelled = web.api()
			.post("/api/v1/orders/" + order + "/cancel", "{\"reason\": \"changed her mind\"}")
			.expect(200);
		assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
		assertThat(cancelled.path("cancelReason").asString()).isEqualTo("changed her mind");
		assertThat(stock(lamp, warehouse).path("available").asInt()).isEqualTo(2);
		web.api().post("/api/v1/orders/" + order + "/cancel", "{}").expectProblem(409, "conflict", "status");
		assertThat(stock(lamp, warehouse).path("reserved").asInt()).isZero();
	}

	@Test
	void anUnpaidOrderIsCancelledWhenItsPaymentWindowClosesAndItsStockIsFreed() throws Exception {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String warehouse = warehouse();
		receive(lamp, warehouse, 1);
		Shop web = channel(ChannelType.WEB);
		String cart = anonymousCart(web, anonymousId()).path("id").asString();
		add(web, cart, lamp, 1).expect(200);
		String order = checkout(web, cart, UUID.randomUUID().toString(), "{\"method\": \"pay-in-store\"}").expect(201)
			.path("id")
			.asString();
		assertThat(stock(lamp, warehouse).path("available").asInt()).isZero();

		jdbc.sql("update customer_order set payment_due_at = now() - interval '1 minute' where id = ?")
			.param(order)
			.update();
		// Several nodes release at once: each order is cancelled once
		List<Integer> released = new CopyOnWriteArrayList<>();
		List<Object> events = published(order, () -> releaseOnFourNodes(released));
		assertThat(events).extracting(event -> event.getClass().getSimpleName()).containsExactly("OrderCancelled");
		assertThat(released.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(1);
		JsonNode cancelled = web.api().get("/api/v1/orders/" + order).expect(200);
		assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
		assertThat(cancelled.path("cancelReason").asString()).isEqualTo("unpaid");
		assertThat(stock(lamp, warehouse).path("available").asInt()).isEqualTo(1);
		web.api()
			.post("/api/v1/orders/" + order + "/pay", "{\"method\": \"pay-in-store\"}")
			.expectProblem(409, "conflict", "status");
	}

	private void releaseOnFourNodes(List<Integer> released) {
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Integer>> runs = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				runs.add(pool.submit(orders::releaseUnpaid));
			}
			for (Future<Integer> run : runs) {
				released.add(run.get());
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String card() {
		return "{\"method\": \"test-card\", \"cardNumber\": \"4242424242424242\"}";
	}

	/** Runs the calls all at once on virtual threads and returns their answers. */
	static List<Answer> race(int count, java.util.function.IntFunction<Answer> call) throws Exception {
		List<Answer> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			List<Future<Answer>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				Callable<Answer> task = () -> {
					start.await();
					return call.apply(index);
				};
				futures.add(pool.submit(task));
			}
			start.countDown();
			for (Future<Answer> future : futures) {
				answers.add(future.get(2, java.util.concurrent.TimeUnit.MINUTES));
			}
		}
		return answers;
	}

}
