package io.omnis.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import io.omnis.bench.Api;
import io.omnis.bench.Baseline;
import io.omnis.bench.Bench;
import io.omnis.bench.Workload;

/**
 * Buyers on two Omnis nodes reserving the same SKU at the same location at once: every
 * attempt is the atomic check-and-hold on one contended stock row, alternately through
 * each node.
 */
public class ReservationContention implements Workload {

	static final String SKU = "BENCH-CONTENDED";

	private String location = "";

	private Api[] nodes = new Api[0];

	@Override
	public String name() {
		return "reservation-contention";
	}

	@Override
	public String operation() {
		return "POST /api/v1/reservations of 1 unit of one SKU at one location, alternately on two Omnis nodes";
	}

	@Override
	public void setUp(Bench bench) throws Exception {
		location = Api.json(bench.api().post("/api/v1/locations", """
				{"name":"Bench contended store","type":"WAREHOUSE","address":{"line1":"Rua 1","city":"Porto",\
				"country":"PT"},"timeZone":"Europe/Lisbon"}""", null)).get("id").asString();
		for (int receipt = 0; receipt < 5; receipt++) {
			// more units than any mode attempts, so that every attempt contends and none
			// runs out
			bench.api()
				.post("/api/v1/inventory/movements", """
						{"type":"RECEIPT","sku":"%s","locationId":"%s","quantity":1000000}""".formatted(SKU, location),
						null);
		}
		nodes = new Api[] { bench.api(), bench.secondNode() };
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		nodes[(int) (n % 2)].post("/api/v1/reservations",
				"""
						{"reference":"bench-%d","kind":"CART","ttlSeconds":600,"lines":[{"sku":"%s","locationId":"%s","quantity":1}]}"""
					.formatted(n, SKU, location),
				null);
	}

	@Override
	public Baseline baseline(Bench bench) {
		return new Baseline() {

			@Override
			public String description() {
				return "conditional single-row UPDATE (reserved + 1 where available >= 1) on the same row";
			}

			@Override
			public void run(Connection connection, long n) throws SQLException {
				try (PreparedStatement update = connection.prepareStatement("""
						update stock set reserved = reserved + 1
						 where sku = ? and location_id = ? and on_hand - reserved - safety_stock >= 1""")) {
					update.setString(1, SKU);
					update.setString(2, location);
					if (update.executeUpdate() != 1) {
						throw new SQLException("no unit left to hold");
					}
				}
			}

		};
	}

}
