package io.omnis.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import io.omnis.bench.Api;
import io.omnis.bench.Bench;

/**
 * A seeded network of locations with stock, built through the inventory API, shared by
 * the availability workloads (built once per run).
 */
final class Network {

	private static final int CHUNK = 10_000;

	static final int LOCATIONS = 300;

	private static Network built;

	private static Bench builtFor;

	final String[] locations;

	final int skus;

	private Network(String[] locations, int skus) {
		this.locations = locations;
		this.skus = skus;
	}

	static synchronized Network of(Bench bench) throws Exception {
		if (builtFor != bench) {
			built = build(bench);
			builtFor = bench;
		}
		return built;
	}

	static String sku(long n) {
		return "BENCH-" + n;
	}

	private static Network build(Bench bench) throws Exception {
		String[] locations = new String[LOCATIONS];
		bench.load("locations", LOCATIONS, 8,
				n -> locations[(int) n] = Api
					.json(bench.api()
						.post("/api/v1/locations",
								"""
										{"name":"Bench location %d","type":"%s","address":{"line1":"Rua %d","city":"Lisboa","country":"PT"},\
										"timeZone":"Europe/Lisbon","coordinates":{"latitude":%.5f,"longitude":%.5f},"capabilities":["PICKUP","SHIPS"]}"""
									.formatted(n, n % 10 == 0 ? "WAREHOUSE" : "DARK_STORE", n, 38.0 + (n % 50) / 25.0,
											-9.5 + (n / 50) / 10.0),
								null))
					.get("id")
					.asString());
		if (bench.size("skus").isPresent()) {
			return new Network(locations, copyStock(bench, locations, Math.toIntExact(bench.size("skus").getAsLong())));
		}
		int skus = Math.max(10, bench.mode().scale() / 10);
		// One batch of up to 500 receipts per location and slice of SKUs
		int perBatch = 500;
		int slices = (skus + perBatch - 1) / perBatch;
		bench.load("stock", LOCATIONS * slices, 8, n -> {
			String location = locations[(int) (n / slices)];
			int from = (int) (n % slices) * perBatch;
			StringBuilder body = new StringBuilder("{\"movements\":[");
			for (int sku = from; sku < Math.min(skus, from + perBatch); sku++) {
				body.append(sku == from ? "" : ",")
					.append("{\"type\":\"RECEIPT\",\"sku\":\"")
					.append(sku(sku))
					.append("\",\"locationId\":\"")
					.append(location)
					.append("\",\"quantity\":")
					.append(1 + bench.pick(n * perBatch + sku, 40))
					.append('}');
			}
			bench.api().post("/api/v1/inventory/movements/batch", body.append("]}").toString(), null);
		});
		vacuum(bench);
		return new Network(locations, skus);
	}

	/**
	 * What a DBA does after a bulk load (and autovacuum does later by itself): sets the
	 * visibility map, so that reads of the stock can be index-only scans, and the
	 * planner's statistics.
	 */
	private static void vacuum(Bench bench) throws SQLException {
		try (Connection connection = bench.database().getConnection();
				Statement vacuum = connection.createStatement()) {
			vacuum.execute("vacuum (analyze) stock");
		}
	}

	/**
	 * With {@code --skus N}: every one of the N SKUs stocked at every location, written
	 * straight into the stock table by PostgreSQL ({@code INSERT … SELECT} over
	 * {@code generate_series}, {@value #CHUNK} SKUs a statement, no ledger rows). Like
	 * {@code --profiles}, it measures reads at that size, not how the stock got there;
	 * 100,000 SKUs × 300 locations is 30 million stock rows.
	 */
	private static int copyStock(Bench bench, String[] locations, int skus) throws SQLException {
		long started = System.nanoTime();
		try (Connection connection = bench.database().getConnection();
				PreparedStatement insert = connection.prepareStatement("""
						insert into stock (sku, location_id, on_hand, updated_at)
						select 'BENCH-' || s, l.id, 1 + (s * 7 + l.n) % 40, now()
						  from generate_series(?, ? - 1) s,
						       unnest(?::text[]) with ordinality as l(id, n)""")) {
			java.sql.Array ids = connection.createArrayOf("text", locations);
			for (int from = 0; from < skus; from += CHUNK) {
				insert.setInt(1, from);
				insert.setInt(2, Math.min(skus, from + CHUNK));
				insert.setArray(3, ids);
				insert.executeUpdate();
			}
		}
		vacuum(bench);
		System.out.printf(java.util.Locale.ROOT, "seeded %,d SKUs × %d locations (%,d stock rows) in %.1f s%n", skus,
				locations.length, (long) skus * locations.length, (System.nanoTime() - started) / 1e9);
		return skus;
	}

}
