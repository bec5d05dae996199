package io.omnis.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

import io.omnis.bench.Bench;

/**
 * The seeded profiles the profile workloads read, made once per run.
 * <p>
 * By default they are made as a customer would make them: {@code identify} messages
 * through {@code /v1/batch}, resolved by Omnis ({@code 20 × scale}). With
 * {@code --profiles N [--events M]} they are written straight into Omnis's tables by
 * PostgreSQL itself ({@code INSERT … SELECT FROM generate_series}, in chunks of a million
 * rows, no HTTP and no resolution), in the shape resolution gives them: a profile row
 * with traits and sources and no roll-up of its facts (as most profiles are: a read adds
 * up its events, ADR 0035), three identifiers (e-mail, user id, anonymous id), one
 * channel, and {@code M} tracked events with their event_profile rows spread evenly over
 * the profiles. That is what makes a million profiles and ten million events fit in
 * minutes; it measures reads at that size, not how the data got there.
 */
final class ProfileData {

	static final String PROFILE_PREFIX = "cus_seeded";

	private static final int CHUNK = 1_000_000;

	private static final Map<Bench, Integer> SEEDED = new WeakHashMap<>();

	private ProfileData() {
	}

	/** Seeds the profiles on the first call of a run and returns how many there are. */
	static synchronized int ensure(Bench bench) throws Exception {
		Integer seeded = SEEDED.get(bench);
		if (seeded == null) {
			seeded = bench.size("profiles").isPresent() ? copy(bench) : ProfileLookup.seedThroughApi(bench);
			SEEDED.put(bench, seeded);
		}
		return seeded;
	}

	/** The id of the n-th seeded profile (only for profiles written straight). */
	static String id(long n) {
		return PROFILE_PREFIX + String.format(Locale.ROOT, "%016d", n);
	}

	private static int copy(Bench bench) throws SQLException {
		long profiles = bench.size("profiles").orElseThrow();
		long events = bench.size("events").orElse(profiles * 10);
		long started = System.nanoTime();
		try (Connection connection = bench.database().getConnection()) {
			for (long from = 0; from < profiles; from += CHUNK) {
				long to = Math.min(profiles, from + CHUNK);
				run(connection,
						"""
								insert into profile (id, created_at, updated_at, first_seen_at, last_seen_at, traits,
								                     trait_sources, event_counts, consent, identifier_count, search_name, channels)
								select 'cus_seeded' || lpad(n::text, 16, '0'), t, t, null, null,
								       jsonb_build_object('email', 'lookup-' || n || '@bench.example', 'firstName', 'Lookup',
								                          'lastName', n::text, 'plan', case when n % 2 = 0 then 'gold' else 'silver' end),
								       jsonb_build_object('email', s, 'firstName', s, 'lastName', s, 'plan', s),
								       '{}',
								       '{"analytics": {"granted": true, "at": "2026-11-22T10:00:00Z"}}', 3, 'lookup ' || n, '{}'
								  from generate_series(?, ? - 1) n,
								       lateral (select timestamptz '2026-11-22 10:00:00+00' as t) x,
								       lateral (select jsonb_build_object('at', '2026-11-22T10:00:00Z', 'channel', 'bench-seeded',
								                                          'message', 'p-' || n) as s) y""",
						from, to);
				run(connection,
						"""
								insert into identifier (type, value, profile_id, first_seen_at, first_channel_id, first_message_id)
								select k.type, case k.type when 'email' then 'lookup-' || n || '@bench.example'
								                           when 'user_id' then 'lookup-' || n else 'lookup-anon-' || n end,
								       'cus_seeded' || lpad(n::text, 16, '0'), timestamptz '2026-11-22 10:00:00+00', 'bench-seeded',
								       'p-' || n
								  from generate_series(?, ? - 1) n, (values ('email'), ('user_id'), ('anonymous_id')) k(type)""",
						from, to);
			}
			for (long from = 0; from < events; from += CHUNK) {
				run(connection,
						"""
								with e as (
								    insert into tracked_event (channel_id, message_id, type, event, user_id, anonymous_id,
								                               occurred_at, received_at, payload)
								    select 'bench-seeded', 's-' || g, 'track', 'Product Viewed', 'lookup-' || (g % ?),
								           'lookup-anon-' || (g % ?), at, at,
								           jsonb_build_object('type', 'track', 'event', 'Product Viewed', 'messageId', 's-' || g,
								                              'userId', 'lookup-' || (g % ?), 'properties',
								                              jsonb_build_object('sku', 'SKU-' || (g % 100000), 'price', (g % 10000) / 100.0,
								                                                 'currency', 'EUR'))
								      from generate_series(?, ? - 1) g,
								           lateral (select timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second' as at) x
								    returning seq, user_id, occurred_at)
								insert into event_profile (seq, profile_id, occurred_at, identifiers, resolved_at)
								select seq, 'cus_seeded' || lpad(substr(user_id, 8), 16, '0'), occurred_at,
								       array['user_id:' || user_id], occurred_at
								  from e""",
						profiles, profiles, profiles, from, Math.min(events, from + CHUNK));
			}
			try (Statement statement = connection.createStatement()) {
				// What a DBA does after a bulk load: the vacuum that autovacuum would
				// otherwise start on these tables during the measurement (it reads every
				// page and sets the visibility map), the statistics, and a checkpoint
				// that
				// writes the loaded pages out before the clock starts
				statement.execute("vacuum (analyze) profile, identifier, tracked_event, event_profile");
				statement.execute("checkpoint");
			}
			try (Statement statement = connection.createStatement();
					ResultSet size = statement
						.executeQuery("select pg_size_pretty(pg_database_size(current_database()))")) {
				size.next();
				System.out.printf(Locale.ROOT,
						"[bench] seeded %,d profiles (%,d identifiers) and %,d events straight into the tables in %.0f s; "
								+ "database %s%n",
						profiles, profiles * 3, events, (System.nanoTime() - started) / 1e9, size.getString(1));
			}
		}
		return Math.toIntExact(profiles);
	}

	private static void run(Connection connection, String sql, Object... params) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				statement.setObject(i + 1, params[i]);
			}
			statement.executeUpdate();
		}
	}

}
