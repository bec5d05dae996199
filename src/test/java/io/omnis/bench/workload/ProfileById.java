package io.omnis.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.omnis.bench.Baseline;
import io.omnis.bench.Bench;
import io.omnis.bench.Workload;

/**
 * The customer 360's first read: a profile by its id, with its identifiers, traits,
 * consent and channels, over the seeded profiles ({@link ProfileData}).
 */
public class ProfileById implements Workload {

	private final List<String> ids = new ArrayList<>();

	@Override
	public String name() {
		return "profile-by-id";
	}

	@Override
	public String operation() {
		return "GET /api/v1/profiles/{id} with a secret key, over the seeded profiles";
	}

	@Override
	public void setUp(Bench bench) throws Exception {
		int profiles = ProfileData.ensure(bench);
		ids.clear();
		// The ids to ask for, drawn once: the seeded ones are known, the resolved ones
		// are read back (at most 100,000, evenly spread)
		if (bench.size("profiles").isPresent()) {
			for (int i = 0; i < Math.min(profiles, 100_000); i++) {
				ids.add(ProfileData.id(bench.pick(i, profiles)));
			}
			return;
		}
		try (Connection connection = bench.database().getConnection();
				ResultSet rs = connection.createStatement()
					.executeQuery("select id from profile where merged_into is null order by id limit 100000")) {
			while (rs.next()) {
				ids.add(rs.getString(1));
			}
		}
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		bench.api().get("/api/v1/profiles/" + ids.get(bench.pick(n, ids.size())));
	}

	@Override
	public Baseline baseline(Bench bench) {
		return new Baseline() {

			@Override
			public String description() {
				return "indexed SELECT of the profile row by primary key";
			}

			@Override
			public void run(Connection connection, long n) throws SQLException {
				try (PreparedStatement select = connection.prepareStatement("select * from profile where id = ?")) {
					select.setString(1, ids.get(bench.pick(n, ids.size())));
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
