package io.omnis.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import io.omnis.bench.Api;
import io.omnis.bench.Baseline;
import io.omnis.bench.Bench;
import io.omnis.bench.Workload;

/**
 * A complete checkout as a web shop makes it: create a cart, add three lines (each priced
 * by the catalog and checked against stock), check out paying by test card (the stock
 * held for the order, the order written and paid), one customer after another.
 */
public class Checkout implements Workload {

	static final int PRODUCTS = 30;

	private String location = "";

	@Override
	public String name() {
		return "checkout";
	}

	@Override
	public String operation() {
		return "POST /api/v1/carts, 3 × POST …/lines, POST …/checkout paid by test card (5 requests)";
	}

	@Override
	public void setUp(Bench bench) throws Exception {
		bench.api().put("/api/v1/catalog/tax-rates", "{\"country\":\"PT\",\"category\":\"standard\",\"rate\":0.23}");
		String priceList = Api
			.json(bench.api()
				.post("/api/v1/catalog/price-lists",
						"""
								{"name":"Bench %s prices","currency":"EUR","channels":[],"taxInclusive":true,"priority":0}"""
							.formatted(key()),
						null))
			.get("id")
			.asString();
		location = Api.json(bench.api().post("/api/v1/locations", """
				{"name":"Bench %s warehouse","type":"WAREHOUSE","address":{"line1":"Rua 2","city":"Braga",\
				"country":"PT"},"timeZone":"Europe/Lisbon"}""".formatted(key()), null)).get("id").asString();
		StringBuilder rows = new StringBuilder("[");
		for (int i = 0; i < PRODUCTS; i++) {
			rows.append(i == 0 ? "" : ",")
				.append("{\"handle\":\"bench-%s-%d\",\"status\":\"ACTIVE\",\"title\":\"Bench %d\",\"sku\":\"%s\",\"taxCategory\":\"standard\",\"price\":%d,\"currency\":\"EUR\"}"
					.formatted(key(), i, i, sku(i), 990 + 100 * i));
		}
		bench.api()
			.post("/api/v1/catalog/import?priceList=" + priceList, "application/json",
					rows.append(']').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
					java.time.Duration.ofMinutes(1));
		for (int i = 0; i < PRODUCTS; i++) {
			// more units than any mode buys, so that no checkout runs out
			bench.api()
				.post("/api/v1/inventory/movements", """
						{"type":"RECEIPT","sku":"%s","locationId":"%s","quantity":1000000}""".formatted(sku(i),
						location), null);
		}
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		String cart = Api
			.json(bench.api()
				.post("/api/v1/carts",
						"{\"currency\":\"EUR\",\"country\":\"PT\",\"anonymousId\":\"bench-checkout-%d\"}".formatted(n),
						null))
			.get("id")
			.asString();
		for (int line = 0; line < 3; line++) {
			bench.api()
				.post("/api/v1/carts/" + cart + "/lines",
						"{\"sku\":\"%s\",\"quantity\":1}".formatted(sku(bench.pick(n * 3 + line, PRODUCTS))), null);
		}
		bench.api()
			.post("/api/v1/carts/" + cart + "/checkout",
					"{\"payment\":{\"method\":\"test-card\",\"cardNumber\":\"4242424242424242\"}}",
					"bench-checkout-" + n);
	}

	/**
	 * What this workload's products, tables and names are called after, so that each
	 * checkout workload has its own in a run.
	 */
	String key() {
		return "checkout";
	}

	String sku(int n) {
		return skuPrefix() + n;
	}

	private String skuPrefix() {
		return "BENCH-" + key().toUpperCase(java.util.Locale.ROOT) + "-";
	}

	@Override
	public Baseline baseline(Bench bench) {
		return new Baseline() {

			@Override
			public String description() {
				return "one transaction writing a checkout's rows: cart + 3 lines, 3 conditional stock UPDATEs, "
						+ "order + 3 lines";
			}

			@Override
			public void setUp(Connection connection) throws SQLException {
				try (Statement ddl = connection.createStatement()) {
					ddl.execute("create table if not exists bench_" + key() + "_row (id text primary key, kind text, "
							+ "sku text, quantity int, amount bigint)");
					ddl.execute("create table if not exists bench_" + key() + "_stock (sku text primary key, "
							+ "on_hand int, reserved int)");
					ddl.execute("insert into bench_" + key() + "_stock select '" + skuPrefix()
							+ "' || g, 100000000, 0 from generate_series(0, " + (PRODUCTS - 1)
							+ ") g on conflict do nothing");
				}
			}

			@Override
			public void run(Connection connection, long n) throws SQLException {
				connection.setAutoCommit(false);
				try (PreparedStatement row = connection
					.prepareStatement("insert into bench_" + key() + "_row values (?, ?, ?, ?, ?)");
						PreparedStatement hold = connection.prepareStatement("""
								update bench_%s_stock set reserved = reserved + ?
								 where sku = ? and on_hand - reserved >= ?""".formatted(key()))) {
					insert(row, "c" + n, "cart", null, 0);
					// in one order, as inventory locks stock rows, so that two never
					// deadlock
					int[] picked = { bench.pick(n * 3, PRODUCTS), bench.pick(n * 3 + 1, PRODUCTS),
							bench.pick(n * 3 + 2, PRODUCTS) };
					java.util.Arrays.sort(picked);
					for (int line = 0; line < 3; line++) {
						String sku = sku(picked[line]);
						insert(row, "c" + n + "-" + line, "cart_line", sku, 1);
						hold.setInt(1, 1);
						hold.setString(2, sku);
						hold.setInt(3, 1);
						if (hold.executeUpdate() != 1) {
							throw new SQLException("no unit left");
						}
					}
					insert(row, "o" + n, "order", null, 0);
					for (int line = 0; line < 3; line++) {
						insert(row, "o" + n + "-" + line, "order_line", sku(bench.pick(n * 3 + line, PRODUCTS)), 1);
					}
					connection.commit();
				}
				finally {
					connection.setAutoCommit(true);
				}
			}

			private void insert(PreparedStatement row, String id, String kind, String sku, int quantity)
					throws SQLException {
				row.setString(1, id);
				row.setString(2, kind);
				row.setString(3, sku);
				row.setInt(4, quantity);
				row.setLong(5, 1990);
				row.executeUpdate();
			}

		};
	}

}
