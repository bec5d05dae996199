package io.omnis.order;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.omnis.TwoNodes;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.channel.KeyKind;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Omnis nodes on one PostgreSQL, as behind a load balancer: buyers check out the last
 * units through both at once. The database decides: exactly the units there are are sold,
 * and every loser is told why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeCheckoutTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private TwoNodes nodes;

	private final List<URI> bases = new ArrayList<>();

	private String secret;

	private JdbcClient sql;

	@BeforeAll
	void startTwoNodesOnOneDatabase() throws IOException {
		nodes = TwoNodes.start("two-node-admin");
		Channels.Created web = nodes.node(0)
			.getBean(Channels.class)
			.create(ChannelType.WEB, "Web shop " + System.nanoTime(), null,
					EnumSet.of(Permission.CATALOG_READ, Permission.CATALOG_WRITE, Permission.INVENTORY_READ,
							Permission.INVENTORY_WRITE, Permission.INVENTORY_MANAGE, Permission.CARTS_WRITE,
							Permission.ORDERS_READ, Permission.ORDERS_WRITE));
		secret = web.keys().stream().filter(k -> k.key().kind() == KeyKind.SECRET).findFirst().orElseThrow().secret();
		bases.add(nodes.base(0));
		bases.add(nodes.base(1));
		sql = nodes.node(0).getBean(JdbcClient.class);
	}

	@AfterAll
	void stop() throws IOException {
		if (nodes != null) {
			nodes.close();
		}
	}

	@Test
	void twoHundredBuyersOnTwoNodesCheckOutExactlyTheLastTwentyUnits() throws Exception {
		send(0, "PUT", "/api/v1/catalog/tax-rates", "{\"country\": \"PT\", \"category\": \"standard\", \"rate\": 0.23}",
				200);
		String prices = send(0, "POST", "/api/v1/catalog/price-lists",
				"{\"name\": \"Retail\", \"currency\": \"EUR\", \"taxInclusive\": true}", 201)
			.path("id")
			.asString();
		String sku = "LAST-" + UUID.randomUUID().toString().substring(0, 8);
		send(0, "POST", "/api/v1/catalog/products",
				"""
						{"handle": "%s", "title": "Lamp", "status": "ACTIVE", "variants": [{"sku": "%s", "taxCategory": "standard"}]}"""
					.formatted(sku.toLowerCase(), sku),
				201);
		send(0, "PUT", "/api/v1/catalog/price-lists/" + prices + "/prices/" + sku,
				"{\"amount\": 1990, \"currency\": \"EUR\"}", 200);
		String location = send(0, "POST", "/api/v1/locations",
				"""
						{"name": "Warehouse", "type": "WAREHOUSE", "address": {"line1": "Rua 1", "city": "Porto", "country": "PT"},
						 "timeZone": "Europe/Lisbon"}""",
				201)
			.path("id")
			.asString();
		send(0, "POST", "/api/v1/inventory/movements", """
				{"type": "RECEIPT", "sku": "%s", "locationId": "%s", "quantity": 20}""".formatted(sku, location), 201);
		int buyers = 200;
		List<String> carts = new ArrayList<>();
		for (int i = 0; i < buyers; i++) {
			String cart = send(i % 2, "POST", "/api/v1/carts",
					"{\"currency\": \"EUR\", \"country\": \"PT\", \"anonymousId\": \"buyer-" + i + "\"}", 201)
				.path("id")
				.asString();
			send(i % 2, "POST", "/api/v1/carts/" + cart + "/lines", "{\"sku\": \"%s\", \"quantity\": 1}".formatted(sku),
					200);
			carts.add(cart);
		}

		Semaphore bound = new Semaphore(40);
		CountDownLatch start = new CountDownLatch(1);
		List<HttpResponse<String>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (int i = 0; i < buyers; i++) {
				int buyer = i;
				futures.add(pool.submit(() -> {
					start.await();
					bound.acquire();
					try {
						return request(buyer % 2, "POST", "/api/v1/carts/" + carts.get(buyer) + "/checkout",
								"{\"payment\": {\"method\": \"test-card\", \"cardNumber\": \"4242424242424242\"}}",
								"checkout-" + buyer);
					}
					finally {
						bound.release();
					}
				}));
			}
			start.countDown();
			for (Future<HttpResponse<String>> future : futures) {
				answers.add(future.get());
			}
		}

		assertThat(answers.stream().filter(a -> a.statusCode() == 201)).hasSize(20);
		assertThat(answers.stream().filter(a -> a.statusCode() != 201)).hasSize(180).allSatisfy(loser -> {
			assertThat(loser.statusCode()).as(loser.body()).isEqualTo(409);
			JsonNode problem = JSON.readTree(loser.body());
			assertThat(problem.path("type").asString()).isEqualTo("https://omnis.dev/problems/insufficient-stock");
			assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("lines[0].quantity");
		});
		assertThat(sql.sql("select on_hand, reserved from stock where sku = ?")
			.param(sku)
			.query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2)))
			.single()).containsExactly(20, 20);
		assertThat(
				sql.sql("select count(*) from customer_order o join order_line l on l.order_id = o.id where l.sku = ?")
					.param(sku)
					.query(Integer.class)
					.single())
			.isEqualTo(20);
		// A refused checkout kept nothing: its cart is open, no reservation or order of
		// it
		assertThat(sql.sql("select count(*) from cart where id = any(?) and status = 'OPEN'")
			.param(carts.toArray(String[]::new))
			.query(Integer.class)
			.single()).isEqualTo(180);
		assertThat(sql.sql("select count(*) from customer_order where cart_id = any(?)")
			.param(carts.toArray(String[]::new))
			.query(Integer.class)
			.single()).isEqualTo(20);
		assertThat(sql.sql("select count(*), coalesce(sum(quantity), 0) from reservation_line where sku = ?")
			.param(sku)
			.query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2)))
			.single()).containsExactly(20, 20);
	}

	private JsonNode send(int node, String method, String path, String json, int expected) throws Exception {
		HttpResponse<String> response = request(node, method, path, json, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> request(int node, String method, String path, String json, String key)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(bases.get(node).resolve(path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + secret)
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json));
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
