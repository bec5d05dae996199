package io.omnis.returns;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Returns racing for the last returnable units of an order line, from several channels at
 * once: the database lets exactly as many units go as were bought.
 */
class LastUnitReturnTests extends ReturnFixtures {

	@Test
	void twentyReturnsRacingForTheLastUnitLetExactlyOneHaveIt() throws Exception {
		String prices = priceList();
		String lamp = product(prices, 4990);
		receive(lamp, warehouse(), 2);
		Shop web = web();
		List<Shop> counters = List.of(store(), store(), web);
		String orderId = handedOverWebOrder(web, lamp, 1).path("id").asString();

		List<Integer> statuses = race(20, i -> startReturn(counters.get(i % counters.size()).api(), orderId, "REFUND",
				line(lamp, 1, "CHANGED_MIND"))
			.status());

		assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
		assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
		JsonNode returns = web.api().get("/api/v1/orders/" + orderId + "/returns").expect(200);
		assertThat(returns.path("data")).hasSize(1);
		assertThat(returns.path("returnable").get(0).path("returnable").asInt()).isZero();
	}

	@Test
	void returnsOfSeveralUnitsEachNeverTakeMoreThanWasBought() throws Exception {
		String prices = priceList();
		String lamp = product(prices, 990);
		String bulb = product(prices, 350);
		String warehouse = warehouse();
		receive(lamp, warehouse, 7);
		receive(bulb, warehouse, 5);
		Shop web = web();
		String orderId = handedOverWebOrder(web, lamp, 7, bulb, 5).path("id").asString();
		java.util.Random random = new java.util.Random(42);
		List<int[]> wanted = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			wanted.add(new int[] { 1 + random.nextInt(3), 1 + random.nextInt(2), random.nextInt(2) });
		}

		// Each asks for units of both lines, in either order: never a deadlock
		List<Integer> statuses = race(wanted.size(), i -> {
			int[] w = wanted.get(i);
			String first = line(lamp, w[0], "OTHER");
			String second = line(bulb, w[1], "OTHER");
			return startReturn(web.api(), orderId, "REFUND", w[2] == 0 ? first : second, w[2] == 0 ? second : first)
				.status();
		});

		assertThat(statuses).allMatch(s -> s == 201 || s == 409);
		JsonNode returns = web.api().get("/api/v1/orders/" + orderId + "/returns").expect(200);
		int lamps = 0;
		int bulbs = 0;
		for (JsonNode r : returns.path("data")) {
			for (JsonNode l : r.path("lines")) {
				if (l.path("sku").asString().equals(lamp)) {
					lamps += l.path("quantity").asInt();
				}
				else {
					bulbs += l.path("quantity").asInt();
				}
			}
		}
		assertThat(returns.path("data")).hasSize((int) statuses.stream().filter(s -> s == 201).count());
		assertThat(lamps).isBetween(1, 7);
		assertThat(bulbs).isBetween(1, 5);
		assertThat(returns.path("returnable").get(0).path("returnable").asInt()).isEqualTo(7 - lamps);
		assertThat(returns.path("returnable").get(1).path("returnable").asInt()).isEqualTo(5 - bulbs);
	}

	private static List<Integer> race(int count, Attempt attempt) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int n = i;
				answers.add(pool.submit(() -> {
					start.await();
					return attempt.status(n);
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> answer : answers) {
				statuses.add(answer.get());
			}
			return statuses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	interface Attempt {

		int status(int n) throws Exception;

	}

}
