package io.omnis.bench.workload;

import io.omnis.bench.Api;
import io.omnis.bench.Bench;

/**
 * A seeded network of locations with stock, built through the inventory API, shared by
 * the availability workloads (built once per run).
 */
final class Network {

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
		return new Network(locations, skus);
	}

}
