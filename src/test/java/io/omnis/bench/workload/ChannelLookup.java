package io.omnis.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.omnis.bench.Api;
import io.omnis.bench.Baseline;
import io.omnis.bench.Bench;
import io.omnis.bench.Workload;

/**
 * Reads one channel with its keys, as an integration does to check its own registration:
 * bearer-key authentication, one channel and its keys, JSON out.
 */
public class ChannelLookup implements Workload {

	private static final String[] TYPES = { "WEB", "MOBILE_APP", "STORE", "CALL_CENTER", "KIOSK" };

	private String[] ids = new String[0];

	@Override
	public String name() {
		return "channel-lookup";
	}

	@Override
	public String operation() {
		return "GET /api/v1/channels/{id} with a secret key, ids drawn uniformly from the seeded channels";
	}

	@Override
	public void setUp(Bench bench) throws Exception {
		String[] seeded = new String[bench.mode().scale()];
		bench.load("channels", seeded.length, 8, n -> {
			String body = """
					{"type":"%s","name":"lookup-%06d","description":"A channel seeded for the lookup benchmark"}"""
				.formatted(TYPES[(int) (n % TYPES.length)], n);
			seeded[(int) n] = Api.json(bench.api().post("/api/v1/channels", body, null))
				.get("channel")
				.get("id")
				.asString();
		});
		this.ids = seeded;
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		bench.api().get("/api/v1/channels/" + ids[bench.pick(n, ids.length)]);
	}

	@Override
	public Baseline baseline(Bench bench) {
		return new Baseline() {

			@Override
			public String description() {
				return "indexed SELECT of one channel row by primary key";
			}

			@Override
			public void run(Connection connection, long n) throws SQLException {
				try (PreparedStatement select = connection.prepareStatement("select * from channel where id = ?")) {
					select.setString(1, ids[bench.pick(n, ids.length)]);
					try (ResultSet row = select.executeQuery()) {
						if (!row.next()) {
							throw new SQLException("no channel row");
						}
					}
				}
			}

		};
	}

}
