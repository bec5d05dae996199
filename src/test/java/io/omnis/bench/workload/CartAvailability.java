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
 * A whole 10-line cart checked at once across the network, as a checkout page does before
 * it reserves.
 */
public class CartAvailability implements Workload {

	static final int LINES = 10;

	private Network network;

	@Override
	public String name() {
		return "availability-cart";
	}

	@Override
	public String operation() {
		return "POST /api/v1/availability/cart with " + LINES + " lines over " + Network.LOCATIONS + " locations";
	}

	@Override
	public void setUp(Bench bench) throws Exception {
		network = Network.of(bench);
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		StringBuilder body = new StringBuilder("{\"lines\":[");
		for (int i = 0; i < LINES; i++) {
			body.append(i == 0 ? "" : ",")
				.append("{\"sku\":\"")
				.append(Network.sku(bench.pick(n * LINES + i, network.skus)))
				.append("\",\"quantity\":1}");
		}
		bench.api().post("/api/v1/availability/cart", body.append("]}").toString(), null);
	}

	@Override
	public Baseline baseline(Bench bench) {
		return new Baseline() {

			@Override
			public String description() {
				return "indexed SELECT of the stock rows of " + LINES + " SKUs at every location";
			}

			@Override
			public void run(Connection connection, long n) throws SQLException {
				String[] skus = new String[LINES];
				for (int i = 0; i < LINES; i++) {
					skus[i] = Network.sku(bench.pick(n * LINES + i, network.skus));
				}
				try (PreparedStatement select = connection.prepareStatement("select * from stock where sku = any(?)")) {
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
