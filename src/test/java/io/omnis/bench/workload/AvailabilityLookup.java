package io.omnis.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.omnis.bench.Baseline;
import io.omnis.bench.Bench;
import io.omnis.bench.Workload;

/**
 * A channel asks where one SKU can be sold from: every one of the
 * {@value Network#LOCATIONS} locations, with its available quantity for that channel.
 */
public class AvailabilityLookup implements Workload {

	private Network network;

	@Override
	public String name() {
		return "availability";
	}

	@Override
	public String operation() {
		return "GET /api/v1/availability?sku=… over " + Network.LOCATIONS + " locations, for the key's channel";
	}

	@Override
	public void setUp(Bench bench) throws Exception {
		network = Network.of(bench);
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		bench.api().get("/api/v1/availability?sku=" + Network.sku(bench.pick(n, network.skus)));
	}

	@Override
	public Baseline baseline(Bench bench) {
		return new Baseline() {

			@Override
			public String description() {
				return "indexed SELECT of the SKU's stock rows at every location";
			}

			@Override
			public void run(Connection connection, long n) throws SQLException {
				try (PreparedStatement select = connection.prepareStatement("select * from stock where sku = ?")) {
					select.setString(1, Network.sku(bench.pick(n, network.skus)));
					try (ResultSet rows = select.executeQuery()) {
						int count = 0;
						while (rows.next()) {
							count++;
						}
						if (count != Network.LOCATIONS) {
							throw new SQLException(count + " stock rows, not " + Network.LOCATIONS);
						}
					}
				}
			}

		};
	}

}
