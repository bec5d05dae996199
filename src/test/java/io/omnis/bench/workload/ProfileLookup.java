package io.omnis.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.omnis.bench.Baseline;
import io.omnis.bench.Bench;
import io.omnis.bench.Workload;

/**
 * An agent's or a channel's lookup of a customer by e-mail: identifier to profile, with
 * its identifiers, traits, consent and channels, over seeded profiles made by collection
 * and resolution.
 */
public class ProfileLookup implements Workload {

	private static final int SEED_BATCH = 500;

	private int profiles;

	@Override
	public String name() {
		return "profile-lookup";
	}

	@Override
	public String operation() {
		return "GET /api/v1/profiles/lookup?identifier=email:… with a secret key, over the seeded profiles"
				+ " (--profiles N seeds N straight into the tables, see ProfileData)";
	}

	@Override
	public void setUp(Bench bench) throws Exception {
		profiles = ProfileData.ensure(bench);
	}

	/**
	 * Makes {@code 20 × scale} profiles through collection and resolution, as customers
	 * would, and waits until resolution has finished.
	 */
	static int seedThroughApi(Bench bench) throws Exception {
		int profiles = bench.mode().scale() * 20;
		String writeKey = Population.writeKey(bench, "bench-profiles");
		int batches = (profiles + SEED_BATCH - 1) / SEED_BATCH;
		bench.load("profiles", batches, 4, n -> {
			StringBuilder body = new StringBuilder("{\"batch\":[");
			for (int i = 0; i < SEED_BATCH; i++) {
				long user = n * SEED_BATCH + i;
				if (user >= profiles) {
					break;
				}
				if (i > 0) {
					body.append(',');
				}
				body.append("""
						{"type":"identify","messageId":"p-%d","userId":"lookup-%d","anonymousId":"lookup-anon-%d",\
						"traits":{"email":"lookup-%d@bench.example","firstName":"Lookup","lastName":"%d"}}"""
					.formatted(user, user, user, user, user));
			}
			bench.api().collect("/v1/batch", body.append("]}").toString(), writeKey);
		});
		try (Connection connection = bench.database().getConnection()) {
			long deadline = System.nanoTime() + 300_000_000_000L;
			while (System.nanoTime() < deadline) {
				try (ResultSet rs = connection.createStatement()
					.executeQuery("select count(*) from event_resolution_queue")) {
					rs.next();
					if (rs.getLong(1) == 0) {
						return profiles;
					}
				}
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException("identity resolution did not finish seeding within 300 s");
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		bench.api()
			.get("/api/v1/profiles/lookup?identifier=email:lookup-" + bench.pick(n, profiles) + "@bench.example");
	}

	@Override
	public Baseline baseline(Bench bench) {
		return new Baseline() {

			@Override
			public String description() {
				return "indexed SELECT of the profile row through its identifier (one join)";
			}

			@Override
			public void run(Connection connection, long n) throws SQLException {
				try (PreparedStatement select = connection.prepareStatement("""
						select p.* from identifier i join profile p on p.id = i.profile_id
						 where i.type = 'email' and i.value = ?""")) {
					select.setString(1, "lookup-" + bench.pick(n, profiles) + "@bench.example");
					try (ResultSet row = select.executeQuery()) {
						if (!row.next()) {
							throw new SQLException("no profile row");
						}
					}
				}
			}

		};
	}

}
