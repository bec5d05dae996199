package io.omnis.customer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.omnis.OmnisApplication;
import io.omnis.RunningOmnis;
import io.omnis.customer.internal.ProfileReads;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database whose profiles hold their facts in the row (before ADR 0035) reads the same
 * facts once migrated: the row becomes a roll-up up to the profile's last seen, and an
 * event still waiting for resolution with an earlier time is added to it when resolved.
 */
class FactsUntilMigrationTests {

	private static final String PROFILE = "cus_migrated";

	@Test
	void aProfileReadsTheFactsItsRowHeldAndAWaitingEventJoinsThem() throws Exception {
		try (EmbeddedPostgres database = EmbeddedPostgres.builder()
			.setServerConfig("listen_addresses", "127.0.0.1")
			.start()) {
			Flyway.configure()
				.dataSource(database.getPostgresDatabase())
				.locations("classpath:db/migration")
				.target("2026.12.2.1")
				.load()
				.migrate();
			JdbcClient jdbc = JdbcClient.create(database.getPostgresDatabase());
			resolvedBefore(jdbc);
			// A third event, still waiting, earlier than her last seen
			long waiting = event(jdbc, "m3", "Cart Viewed", "2026-11-10T08:00:00Z");
			jdbc.sql("insert into event_resolution_queue (seq, received_at, bucket) "
					+ "values (:seq, now(), hashtext('device-1') & 63)")
				.param("seq", waiting)
				.update();

			String url = "jdbc:postgresql://127.0.0.1:" + database.getPort() + "/postgres";
			Path unused = Path.of("target", "test-postgres-external", "never-" + System.nanoTime());
			try (ConfigurableApplicationContext omnis = new SpringApplicationBuilder(OmnisApplication.class).run(
					"--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=unused", "--omnis.database.embedded.data-dir=" + unused,
					"--omnis.admin.password=" + RunningOmnis.ADMIN_PASSWORD,
					"--omnis.identity.resolver-enabled=false")) {
				ProfileReads reads = omnis.getBean(ProfileReads.class);
				assertThat(jdbc.sql("select facts_until from profile where id = :id")
					.param("id", PROFILE)
					.query(java.sql.Timestamp.class)
					.single()
					.toInstant()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
				assertThat(facts(reads.find(PROFILE).orElseThrow()))
					.isEqualTo("counts={track:Product Viewed=2} seen=2026-11-01T10:00:00Z/2026-11-20T09:00:00Z "
							+ "channels=[web=2@2026-11-01T10:00:00Z/2026-11-20T09:00:00Z]");

				omnis.getBean(io.omnis.customer.internal.IdentityResolver.class).resolveBatch(0, 1, 100);
				assertThat(jdbc.sql("select profile_id from event_profile where seq = :seq")
					.param("seq", waiting)
					.query(String.class)
					.single()).isEqualTo(PROFILE);
				assertThat(facts(reads.find(PROFILE).orElseThrow()))
					.isEqualTo("counts={track:Cart Viewed=1, track:Product Viewed=2} "
							+ "seen=2026-11-01T10:00:00Z/2026-11-20T09:00:00Z "
							+ "channels=[web=3@2026-11-01T10:00:00Z/2026-11-20T09:00:00Z]");
			}
		}
	}

	/** A profile of two resolved events, its facts in the row as resolution kept them. */
	private static void resolvedBefore(JdbcClient jdbc) {
		jdbc.sql(
				"""
						insert into profile (id, created_at, updated_at, first_seen_at, last_seen_at, event_counts, identifier_count,
						                     channels)
						values (:id, now(), now(), '2026-11-01T10:00:00Z', '2026-11-20T09:00:00Z', '{"track:Product Viewed": 2}', 1,
						        '{"web": {"firstSeenAt": "2026-11-01T10:00:00Z", "lastSeenAt": "2026-11-20T09:00:00Z", "events": 2}}')""")
			.param("id", PROFILE)
			.update();
		jdbc.sql("""
				insert into identifier (type, value, profile_id, first_seen_at, first_channel_id, first_message_id)
				values ('anonymous_id', 'device-1', :id, '2026-11-01T10:00:00Z', 'web', 'm1')""")
			.param("id", PROFILE)
			.update();
		for (String[] resolved : new String[][] { { "m1", "2026-11-01T10:00:00Z" },
				{ "m2", "2026-11-20T09:00:00Z" } }) {
			long seq = event(jdbc, resolved[0], "Product Viewed", resolved[1]);
			jdbc.sql("""
					insert into event_profile (seq, profile_id, occurred_at, identifiers, resolved_at)
					values (:seq, :id, cast(:at as timestamptz), '{anonymous_id:device-1}', now())""")
				.param("seq", seq)
				.param("id", PROFILE)
				.param("at", resolved[1])
				.update();
		}
	}

	private static long event(JdbcClient jdbc, String messageId, String event, String at) {
		String payload = """
				{"type": "track", "event": "%s", "anonymousId": "device-1", "messageId": "%s", "timestamp": "%s"}"""
			.formatted(event, messageId, at);
		return jdbc
			.sql("""
					insert into tracked_event (channel_id, message_id, type, event, anonymous_id, occurred_at, received_at, payload)
					values ('web', :message, 'track', :event, 'device-1', cast(:at as timestamptz), now(), cast(:payload as json))
					returning seq""")
			.param("message", messageId)
			.param("event", event)
			.param("at", at)
			.param("payload", payload)
			.query(Long.class)
			.single();
	}

	private static String facts(Profile profile) {
		Map<String, Long> counts = new TreeMap<>();
		profile.eventCounts().properties().forEach(count -> counts.put(count.getKey(), count.getValue().asLong()));
		return "counts=" + counts + " seen=" + profile.firstSeenAt() + "/" + profile.lastSeenAt() + " channels="
				+ profile.channels()
					.stream()
					.map(use -> use.channelId() + "=" + use.events() + "@" + use.firstSeenAt() + "/" + use.lastSeenAt())
					.toList();
	}

}
