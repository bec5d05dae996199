package io.omnis.bench.workload;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.omnis.bench.Baseline;
import io.omnis.bench.Bench;
import io.omnis.bench.Workload;

/**
 * The routing decision for a 10-line order to ship, over the {@value Network#LOCATIONS}
 * locations of the shared network, without committing it (the dry run a checkout page
 * shows).
 */
public class RoutingQuote implements Workload {

	static final int LINES = 10;

	private Network network;

	@Override
	public String name() {
		return "routing";
	}

	@Override
	public String operation() {
		return "POST /api/v1/routing/quote of a " + LINES + "-line order over " + Network.LOCATIONS + " locations";
	}

	@Override
	public void setUp(Bench bench) throws Exception {
		network = Network.of(bench);
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		bench.api().post("/api/v1/routing/quote", body(bench, network, "quote-" + n, n), null);
	}

	/**
	 * A 10-line order of distinct SKUs to a seeded point inside the network's area, for
	 * the bench key's own channel.
	 */
	static String body(Bench bench, Network network, String reference, long n) {
		StringBuilder lines = new StringBuilder();
		java.util.Set<Long> skus = new java.util.LinkedHashSet<>();
		for (int i = 0; skus.size() < Math.min(LINES, network.skus); i++) {
			skus.add((long) bench.pick(n * 31 + i, network.skus));
		}
		for (long sku : skus) {
			lines.append(lines.isEmpty() ? "" : ",")
				.append("{\"sku\":\"")
				.append(Network.sku(sku))
				.append("\",\"quantity\":1}");
		}
		double latitude = 38.0 + bench.pick(n * 7, 200) / 100.0;
		double longitude = -9.5 + bench.pick(n * 11, 60) / 100.0;
		return """
				{"reference":"%s","method":"SHIP","destination":{"latitude":%.4f,"longitude":%.4f},\
				"lines":[%s]}""".formatted(reference, latitude, longitude, lines);
	}

	@Override
	public Baseline baseline(Bench bench) {
		return baselineFor(bench, network);
	}

	/** The stock and location rows a decision reads, selected by index. */
	static Baseline baselineFor(Bench bench, Network network) {
		return new Baseline() {

			@Override
			public String description() {
				return "indexed SELECT of the stock and location rows of " + LINES + " SKUs at every location";
			}

			@Override
			public void run(Connection connection, long n) throws SQLException {
				String[] skus = new String[LINES];
				for (int i = 0; i < LINES; i++) {
					skus[i] = Network.sku(bench.pick(n * 31 + i, network.skus));
				}
				try (PreparedStatement select = connection.prepareStatement(
						"select s.*, l.* from stock s join location l on l.id = s.location_id where s.sku = any(?)")) {
					Array array = connection.createArrayOf("text", skus);
					select.setArray(1, array);
					try (ResultSet rows = select.executeQuery()) {
						while (rows.next()) {
							rows.getInt("on_hand");
						}
					}
				}
			}

		};
	}

}
