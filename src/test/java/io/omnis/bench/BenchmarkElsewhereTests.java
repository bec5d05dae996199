package io.omnis.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnis.kernel.database.EmbeddedPostgresServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The suite pointed at an Omnis it did not start ({@code --omnis}, {@code --database}),
 * as a load generator on another machine would be: it measures that Omnis, starts none of
 * its own and leaves Omnis and its database running.
 */
class BenchmarkElsewhereTests {

	/**
	 * Twice on the same Omnis, as one would measure again: the second run's floors start
	 * from empty scratch tables and its lag counts its own events only.
	 */
	@Test
	void measuresAnOmnisStartedElsewhereAndLeavesItAndItsDatabaseRunning(@TempDir Path dir) throws Exception {
		String password = "elsewhere-" + UUID.randomUUID();
		try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0)) {
			String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres?user=postgres";
			try (Omnis omnis = OmnisInProcess.fromClasses().start(url, password, dir.resolve("omnis.log"))) {
				OmnisElsewhere target = new OmnisElsewhere(omnis.baseUri(), null, url, password);
				Omnis.Launcher none = (jdbcUrl, adminPassword, log) -> {
					throw new AssertionError("the suite started an Omnis of its own");
				};

				long resolved = 0;
				for (int run = 0; run < 2; run++) {
					Path file = new BenchmarkSuite(Mode.SMOKE, dir.resolve("bench-" + run), none,
							Set.of("event-collection"), System.out)
						.measuring(target)
						.run();

					Results results = Api.JSON.readValue(file.toFile(), Results.class);
					assertThat(results.machine().omnis()).isEqualTo("started outside the suite, at " + omnis.baseUri());
					Results.Row row = results.workloads().getFirst();
					assertThat(results.workloads()).hasSize(1);
					assertThat(row.omnis().ops()).isPositive();
					assertThat(row.omnis().errors()).as(row.omnis().firstError()).isZero();
					assertThat(row.baselineMeasurement().ops()).isPositive();
					assertThat(row.baselineMeasurement().errors()).as(row.baselineMeasurement().firstError()).isZero();
					assertThat(row.facts()).as("run %d", run)
						.hasEntrySatisfying(
								"floor: the same insert with each row's profile id, indexed by profile and time",
								floor -> assertThat(floor).endsWith(", 0 errors"));
					assertThat(row.omnis().cpu().client()).isNotNull();
					assertThat(row.omnis().cpu().omnis()).isNull();
					assertThat(row.omnis().cpu().postgres()).isNull();
					Matcher lag = Pattern.compile("over ([0-9,]+) events")
						.matcher(row.facts().get("resolution lag, acceptance to profile (all events of the run)"));
					assertThat(lag.find()).isTrue();
					resolved += Long.parseLong(lag.group(1).replace(",", ""));
				}
				// Both still running, the measured events in the database
				HttpResponse<String> health = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(omnis.baseUri().resolve("/actuator/health")).build(),
							HttpResponse.BodyHandlers.ofString());
				assertThat(health.statusCode()).isEqualTo(200);
				try (Connection connection = target.database().getConnection();
						ResultSet rs = connection.createStatement()
							.executeQuery("select count(*) from tracked_event e join event_profile p on p.seq = e.seq "
									+ "where e.message_id like 'c-%'")) {
					rs.next();
					assertThat(rs.getLong(1)).as("the two runs' resolved events").isPositive().isEqualTo(resolved);
				}
			}
		}
	}

	@Test
	void refusesATargetItCannotMeasureSayingWhatIsMissing() {
		String omnis = "http://10.0.0.7:8080";
		String database = "jdbc:postgresql://10.0.0.8:5432/omnis?user=omnis&password=secret";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkSuite.elsewhere(Map.of("--omnis", omnis), "pw", false))
			.withMessageContaining("--database");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkSuite.elsewhere(Map.of("--database", database), "pw", false))
			.withMessageContaining("--omnis");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkSuite.elsewhere(Map.of("--omnis", omnis, "--database", database), null, false))
			.withMessageContaining("OMNIS_ADMIN_PASSWORD");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkSuite.elsewhere(Map.of("--omnis", omnis, "--database", database), "pw", true))
			.withMessageContaining("--profile");
		assertThatIllegalArgumentException().isThrownBy(
				() -> BenchmarkSuite.elsewhere(Map.of("--omnis", "10.0.0.7:8080", "--database", database), "pw", false))
			.withMessageContaining("--omnis takes an http(s) URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkSuite
				.elsewhere(Map.of("--omnis", omnis, "--database", "postgresql://10.0.0.8/omnis"), "pw", false))
			.withMessageContaining("jdbc:postgresql:");
	}

	@Test
	void knowsItsSecondNodeOnlyWhenGivenOneAndNeverShowsThePassword() {
		String database = "jdbc:postgresql://10.0.0.8:5432/omnis?user=omnis&password=secret";
		OmnisElsewhere one = BenchmarkSuite.elsewhere(Map.of("--omnis", "http://10.0.0.7:8080", "--database", database),
				"admin-secret", false);
		OmnisElsewhere two = BenchmarkSuite.elsewhere(Map.of("--omnis", "http://10.0.0.7:8080", "--second-omnis",
				"http://10.0.0.9:8080", "--database", database), "admin-secret", false);

		assertThatIllegalStateException().isThrownBy(one::secondNode).withMessageContaining("--second-omnis");
		assertThat(two.secondNode()).isEqualTo(URI.create("http://10.0.0.9:8080"));
		assertThat(one.toString()).contains("http://10.0.0.7:8080", "user=omnis")
			.doesNotContain("secret", "admin-secret");
	}

}
