package io.omnis.bench;

import java.net.URI;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An Omnis somebody else started, on a PostgreSQL the suite can reach too
 * ({@code --omnis URL --database JDBC_URL}, the administrator's password in
 * {@code OMNIS_ADMIN_PASSWORD}): for a load generator on another machine than Omnis and
 * its database. The suite starts and stops neither, and cannot read their CPU time.
 *
 * @param baseUri where Omnis answers
 * @param second a second node on the same database, for the workloads that need two
 * ({@code --second-omnis URL}), or null
 * @param jdbcUrl the database, its user and password as URL parameters where needed
 * ({@code user} defaults to {@code postgres})
 * @param adminPassword the password of the console's {@code admin}
 */
record OmnisElsewhere(URI baseUri, @Nullable URI second, String jdbcUrl, String adminPassword) implements Omnis {

	@Override
	public Optional<ProcessHandle> process() {
		return Optional.empty();
	}

	@Override
	public String launch() {
		return "started outside the suite, at " + baseUri;
	}

	/** Nothing to stop: whoever started it stops it. */
	@Override
	public void close() {
	}

	DataSource database() {
		PGSimpleDataSource database = new PGSimpleDataSource();
		database.setURL(jdbcUrl);
		if (database.getUser() == null) {
			database.setUser("postgres");
		}
		database.setApplicationName("omnis-bench");
		return database;
	}

	/** The second node, or a clear refusal when none was given. */
	URI secondNode() {
		if (second == null) {
			throw new IllegalStateException(
					"This workload needs a second Omnis node on the same database: give it with --second-omnis URL");
		}
		return second;
	}

	@Override
	public String toString() {
		// Never the password
		return "Omnis " + launch() + ", database " + jdbcUrl.replaceAll("(?i)password=[^&]*", "password=…");
	}

}
