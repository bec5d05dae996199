package io.omnis.inventory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.omnis.TwoNodes;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.channel.KeyKind;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Omnis nodes on one PostgreSQL, as in production behind a load balancer: buyers race
 * through both for the last units, and both expire reservations at once. The database
 * decides; nothing is oversold, nothing is released twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeReservationTests {

	private TwoNodes nodes;

	private final List<Api> apis = new ArrayList<>();

	private JdbcClient sql;

	private String location;

	@BeforeAll
	void startTwoNodesOnOneDatabase() throws IOException {
		nodes = TwoNodes.start("two-node-admin", "--omnis.inventory.expiry-interval=PT0.2S");
		for (ConfigurableApplicationContext node : nodes.nodes()) {
			assertThat(node.containsBean("embeddedPostgres")).isFalse();
		}
		Channels.Created web = nodes.node(0)
			.getBean(Channels.class)
			.create(ChannelType.WEB, "Web shop " + System.nanoTime(), null, EnumSet.of(Permission.INVENTORY_READ,
					Permission.INVENTORY_WRITE, Permission.INVENTORY_MANAGE, Permission.RESERVATIONS_WRITE));
		String secret = web.keys()
			.stream()
			.filter(k -> k.key().kind() == KeyKind.SECRET)
			.findFirst()
			.orElseThrow()
			.secret();
		apis.add(Api.of(nodes.port(0), secret));
		apis.add(Api.of(nodes.port(1), secret));
		sql = nodes.node(0).getBean(JdbcClient.class);
		Api api = apis.getFirst();
		location = api
			.post("/api/v1/locations",
					Map.of("name", "Central warehouse", "type", "WAREHOUSE", "address",
							Map.of("line1", "Rua A 1", "city", "Lisboa", "country", "PT"), "timeZone", "Europe/Lisbon"))
			.text("id");
	}

	@AfterAll
	void stop() throws IOException {
		if (nodes != null) {
			nodes.close();
		}
	}

	@Test
	void threeHundredBuyersOnTwoNodesGetExactlyTheLastTwentyFiveUnits() throws Exception {
		String sku = InventoryTestSupport.sku();
		InventoryTestSupport.receive(apis.getFirst(), sku, location, 25);

		List<Api.Response> answers = race(300, i -> InventoryTestSupport.reservation("buyer-" + i,
				List.of(InventoryTestSupport.line(sku, location, 1))));

		assertThat(answers.stream().filter(a -> a.status() == 201)).hasSize(25);
		List<Api.Response> losers = answers.stream().filter(a -> a.status() != 201).toList();
		assertThat(losers).hasSize(275).allSatisfy(loser -> {
			assertThat(loser.status()).isEqualTo(409);
			assertThat(loser.text("type")).isEqualTo("https://omnis.dev/problems/insufficient-stock");
			assertThat(loser.text("sku")).isEqualTo(sku);
			assertThat(loser.text("locationId")).isEqualTo(location);
			assertThat(loser.number("available")).isZero();
		});
		Map<String, Object> stock = stock(sku);
		assertThat(stock).containsEntry("on_hand", 25).containsEntry("reserved", 25);
		assertThat(ledgerSum(sku, "reserved_delta")).isEqualTo(25);
		assertThat(sql.sql("select count(*) from reservation_line where sku = :sku")
			.param("sku", sku)
			.query(Long.class)
			.single()).isEqualTo(25);
		// A refused buyer leaves no reservation behind, not even one without lines
		assertThat(sql.sql("""
				select count(*) from reservation r
				 where not exists (select 1 from reservation_line l where l.reservation_id = r.id)""")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void buyersOfOneToThreeUnitsOnTwoNodesAreEachHeldWholeOrRefusedInTurn() throws Exception {
		String sku = InventoryTestSupport.sku();
		InventoryTestSupport.receive(apis.getFirst(), sku, location, 100);

		// 240 buyers want 480 units: each node combines those that arrive together into
		// one statement, and the nodes' statements queue on the one stock row
		List<Api.Response> answers = race(240, i -> InventoryTestSupport.reservation("mixed-" + i,
				List.of(InventoryTestSupport.line(sku, location, 1 + i % 3))));

		int held = 0;
		List<Integer> refused = new ArrayList<>();
		for (int i = 0; i < answers.size(); i++) {
			Api.Response answer = answers.get(i);
			assertThat(answer.status()).as(answer.toString()).isIn(201, 409);
			if (answer.status() == 201) {
				assertThat(answer.json().path("lines").path(0).path("quantity").asInt()).isEqualTo(1 + i % 3);
				held += 1 + i % 3;
			}
			else {
				assertThat(answer.text("type")).isEqualTo("https://omnis.dev/problems/insufficient-stock");
				assertThat(answer.number("requested")).isEqualTo(1 + i % 3);
				refused.add(1 + i % 3);
			}
		}
		assertThat(stock(sku)).containsEntry("on_hand", 100).containsEntry("reserved", held);
		// Stock only went down during the race: whoever was refused wanted more than is
		// left even now
		int left = 100 - held;
		assertThat(refused).isNotEmpty().allSatisfy(wanted -> assertThat(wanted).isGreaterThan(left));
		// The ledger runs in one order: each hold's reserved_after is the one before plus
		// its own units
		List<int[]> movements = sql.sql("""
				select reserved_delta, reserved_after from stock_movement
				 where sku = :sku and type = 'RESERVE' order by reserved_after""")
			.param("sku", sku)
			.query((rs, row) -> new int[] { rs.getInt(1), rs.getInt(2) })
			.list();
		int running = 0;
		for (int[] movement : movements) {
			running += movement[0];
			assertThat(movement[1]).isEqualTo(running);
		}
		assertThat(running).isEqualTo(held);
		assertThat(
				sql.sql("select count(*) from reservation where reference like 'mixed-%'").query(Long.class).single())
			.isEqualTo(answers.stream().filter(a -> a.status() == 201).count());
	}

	@Test
	void cartsRacingForAScarceSkuHoldEveryLineOrNoneAndNeverDeadlock() throws Exception {
		String plenty = InventoryTestSupport.sku();
		String scarce = InventoryTestSupport.sku();
		InventoryTestSupport.receive(apis.getFirst(), plenty, location, 1000);
		InventoryTestSupport.receive(apis.getFirst(), scarce, location, 20);

		// Carts list the SKUs in both orders: rows are locked in one order anyway
		List<Api.Response> answers = race(150, i -> InventoryTestSupport.reservation("cart-" + i, switch (i % 3) {
			case 0 ->
				List.of(InventoryTestSupport.line(plenty, location, 1), InventoryTestSupport.line(scarce, location, 1));
			case 1 ->
				List.of(InventoryTestSupport.line(scarce, location, 1), InventoryTestSupport.line(plenty, location, 1));
			default -> List.of(InventoryTestSupport.line(scarce, location, 2));
		}));

		assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(201, 409));
		int carts = 0;
		int scarceHeld = 0;
		for (Api.Response answer : answers) {
			if (answer.status() == 201) {
				var lines = answer.json().path("lines");
				if (lines.size() == 2) {
					carts++;
				}
				for (var line : lines) {
					if (line.path("sku").asString().equals(scarce)) {
						scarceHeld += line.path("quantity").asInt();
					}
				}
			}
			else {
				assertThat(answer.text("sku")).isEqualTo(scarce);
			}
		}
		assertThat(stock(plenty)).containsEntry("reserved", carts);
		assertThat(stock(scarce)).containsEntry("reserved", scarceHeld);
		assertThat(scarceHeld).isBetween(19, 20);
		assertThat(ledgerSum(plenty, "reserved_delta")).isEqualTo(carts);
	}

	@Test
	void bothNodesExpireOverdueReservationsAndEachIsReleasedExactlyOnce() throws Exception {
		String sku = InventoryTestSupport.sku();
		InventoryTestSupport.receive(apis.getFirst(), sku, location, 40);
		List<Api.Response> held = race(40, i -> Map.of("reference", "abandoned-" + i, "kind", "CART", "ttlSeconds", 1,
				"lines", List.of(InventoryTestSupport.line(sku, location, 1))));
		assertThat(held).allSatisfy(a -> assertThat(a.status()).isEqualTo(201));

		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (((Number) stock(sku).get("reserved")).intValue() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}

		assertThat(stock(sku)).containsEntry("reserved", 0).containsEntry("on_hand", 40);
		assertThat(sql.sql("select count(*) from stock_movement where sku = :sku and type = 'RELEASE'")
			.param("sku", sku)
			.query(Long.class)
			.single()).isEqualTo(40);
		assertThat(ledgerSum(sku, "reserved_delta")).isZero();
		for (Api.Response reservation : held) {
			assertThat(apis.getLast().get("/api/v1/reservations/" + reservation.text("id")).text("status"))
				.isEqualTo("EXPIRED");
		}
	}

	/** Buyers on virtual threads, alternating between the nodes, released all at once. */
	private List<Api.Response> race(int buyers, java.util.function.IntFunction<Object> body) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Api.Response>> futures = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < buyers; i++) {
				Api api = apis.get(i % 2);
				Object request = body.apply(i);
				futures.add(threads.submit(() -> {
					start.await();
					return api.post("/api/v1/reservations", request);
				}));
			}
			start.countDown();
			List<Api.Response> answers = new ArrayList<>();
			for (Future<Api.Response> future : futures) {
				answers.add(future.get());
			}
			return answers;
		}
	}

	private Map<String, Object> stock(String sku) {
		return sql.sql("select on_hand, reserved from stock where sku = :sku and location_id = :location")
			.param("sku", sku)
			.param("location", location)
			.query()
			.singleRow();
	}

	private long ledgerSum(String sku, String column) {
		return sql.sql("select coalesce(sum(" + column + "), 0) from stock_movement where sku = :sku")
			.param("sku", sku)
			.query(Long.class)
			.single();
	}

}
