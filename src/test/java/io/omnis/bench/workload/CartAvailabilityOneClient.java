package io.omnis.bench.workload;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

import io.omnis.bench.Baseline;
import io.omnis.bench.Bench;
import io.omnis.bench.Workload;

/**
 * A 10-line cart of distinct SKUs checked across the network by one client at a time: its
 * p99 is the service time of one cart answer, without the queueing that sixteen clients
 * on two cores add to {@link CartAvailability} (issue 4's "a 10-line cart, p99 under 5
 * ms" is a claim about this).
 */
public class CartAvailabilityOneClient implements Workload {

	static final int LINES = CartAvailability.LINES;

	private Network network;

	@Override
	public String name() {
		return "availability-cart-1-client";
	}

	@Override
	public String operation() {
		return "POST /api/v1/availability/cart with " + LINES + " distinct SKUs over " + Network.LOCATIONS
				+ " locations";
	}

	@Override
	public int concurrency() {
		return 1;
	}

	@Override
	public void setUp(Bench bench) throws Exception {
		network = Network.of(bench);
	}

	/** The operation's {@value #LINES} distinct SKUs, drawn from the bench's seed. */
	String[] skus(Bench bench, long n) {
		Set<String> skus = new LinkedHashSet<>();
		for (int draw = 0; skus.size() < LINES && draw < 8 * LINES; draw++) {
			skus.add(Network.sku(bench.pick(n * 8 * LINES + draw, network.skus)));
		}
		// Only on a network of a few SKUs: the rest in order
		for (int next = 0; skus.size() < LINES; next++) {
			skus.add(Network.sku(next));
		}
		return skus.toArray(String[]::new);
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		StringBuilder body = new StringBuilder("{\"lines\":[");
		String[] skus = skus(bench, n);
		for (int i = 0; i < skus.length; i++) {
			body.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(skus[i]).append("\",\"quantity\":1}");
		}
		bench.api().post("/api/v1/availability/cart", body.append("]}").toString(), null);
	}

	@Override
	public Baseline baseline(Bench bench) {
		return new Baseline() {

			@Override
			public String description() {
				return "indexed SELECT of the stock rows of " + LINES + " distinct SKUs at every location";
			}

			@Override
			public void run(Connection connection, long n) throws SQLException {
				try (PreparedStatement select = connection.prepareStatement("select * from stock where sku = any(?)")) {
					Array array = connection.createArrayOf("text", skus(bench, n));
					select.setArray(1, array);
					try (ResultSet rows = select.executeQuery()) {
						int count = 0;
						while (rows.next()) {
							rows.getInt("on_hand");
							count++;
						}
						if (count != LINES * Network.LOCATIONS) {
							throw new SQLException(count + " stock rows, not " + LINES * Network.LOCATIONS);
						}
					}
				}
			}

		};
	}

}
