package io.omnis.bench.workload;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import io.omnis.bench.Baseline;
import io.omnis.bench.Bench;
import io.omnis.bench.Workload;

/**
 * Customer events posted in batches through {@code /v1/batch}, as analytics-node does,
 * with identity resolution running behind; after the load it reports how far resolution
 * lagged.
 */
public class EventCollection implements Workload {

	static final int BATCH = 100;

	private String writeKey = "";

	/** The source this run sends to. */
	private String channelId = "";

	private long population;

	@Override
	public String name() {
		return "event-collection";
	}

	@Override
	public String operation() {
		return "POST /v1/batch of " + BATCH + " messages (track and identify) with a write key";
	}

	@Override
	public int itemsPerOperation() {
		return BATCH;
	}

	@Override
	public int concurrency() {
		return 8;
	}

	@Override
	public void setUp(Bench bench) throws Exception {
		Population.Source source = Population.source(bench, "bench-collection");
		writeKey = source.writeKey();
		channelId = source.channelId();
		// By default nearly every message comes from a customer not seen before (the
		// costliest case: a new profile and identifiers each); --customers N makes them
		// return, so that most messages only add to a profile
		population = bench.size("customers").orElse(bench.mode().scale() * 100L);
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		bench.api().collect("/v1/batch", Population.batch("c-", n, BATCH, population), writeKey);
	}

	@Override
	public Map<String, String> afterMeasure(Bench bench) throws Exception {
		Map<String, String> facts = new LinkedHashMap<>();
		facts.put("requests answered 429 (resolution lag over the limit) and retried after Retry-After",
				String.format(Locale.ROOT, "%,d", bench.api().throttled()));
		long stopped = System.nanoTime();
		try (Connection connection = bench.database().getConnection()) {
			long waiting = -1;
			while (System.nanoTime() - stopped < 180_000_000_000L) {
				try (ResultSet rs = connection.createStatement()
					.executeQuery("select count(*) from event_resolution_queue")) {
					rs.next();
					waiting = rs.getLong(1);
				}
				if (waiting == 0) {
					break;
				}
				Thread.sleep(100);
			}
			facts.put("backlog drained after the load stopped",
					waiting == 0 ? String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - stopped) / 1e9)
							: "no (" + waiting + " events still waiting after 180 s)");
			// This run's source only: a database measured before holds earlier runs'
			// events
			PreparedStatement lags = connection.prepareStatement("""
					select count(*), percentile_cont(0.5) within group (order by lag),
					       percentile_cont(0.99) within group (order by lag), max(lag)
					  from (select extract(epoch from p.resolved_at - e.received_at) * 1000 as lag
					          from tracked_event e join event_profile p on p.seq = e.seq
					         where e.channel_id = ?) l""");
			lags.setString(1, channelId);
			try (lags; ResultSet rs = lags.executeQuery()) {
				rs.next();
				facts.put("resolution lag, acceptance to profile (all events of the run)",
						String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms over %,d events",
								rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(1)));
			}
			try (ResultSet rs = connection.createStatement()
				.executeQuery("select count(*) from profile where merged_into is null")) {
				rs.next();
				facts.put("profiles", String.format(Locale.ROOT, "%,d", rs.getLong(1)));
			}
		}
		return facts;
	}

	@Override
	public Baseline baseline(Bench bench) {
		return new Insert(
				"batched JDBC insert of the same " + BATCH
						+ " rows into a copy of tracked_event (same indexes), one commit per batch",
				"bench_tracked_event",
				"create table if not exists bench_tracked_event (like tracked_event including all)", Link.NONE);
	}

	/**
	 * What resolving the common message at acceptance (ADR 0033, proposed) would cost the
	 * database at least: the event row carrying its profile and indexed by it, then the
	 * same with the batch's profiles read under a key-share lock in the same transaction.
	 */
	@Override
	public List<Baseline> floors(Bench bench) {
		// Each primitive numbers its messages from 0: each writes its own table
		return List.of(
				new Insert("the same insert with each row's profile id, indexed by profile and time",
						"bench_linked_event", linked("bench_linked_event"), Link.PROFILE),
				new Insert(
						"the same, with the batch's profiles read for key share in its transaction (a table of "
								+ String.format(Locale.ROOT, "%,d", population) + " profile keys)",
						"bench_locked_event",
						linked("bench_locked_event") + ";\n"
								+ """
										create table if not exists bench_profile_key (id text primary key, version int not null);
										insert into bench_profile_key select 'p-' || g, 0 from generate_series(0, %d) g
										    on conflict do nothing"""
									.formatted(population - 1),
						Link.PROFILE_LOCKED),
				new Copy("the same rows with their profile id by one binary COPY a batch (same indexes)",
						"bench_copied_event", linked("bench_copied_event")));
	}

	/** A copy of tracked_event whose rows carry their profile, indexed by it. */
	private static String linked(String table) {
		return """
				create table if not exists %1$s (like tracked_event including all);
				alter table %1$s add column if not exists profile_id text;
				create index if not exists %1$s_profile_idx on %1$s (profile_id, occurred_at)""".formatted(table);
	}

	/** What an inserted event row carries of its profile. */
	private enum Link {

		/** Nothing, as collection writes it today. */
		NONE,
		/** Its profile id. */
		PROFILE,
		/** Its profile id, with the batch's profiles read for key share first. */
		PROFILE_LOCKED

	}

	/** A primitive writing into a scratch table that its set-up statements create. */
	private abstract static class ScratchTable implements Baseline {

		private final String description;

		final String table;

		private final String setUp;

		ScratchTable(String description, String table, String setUp) {
			this.description = description;
			this.table = table;
			this.setUp = setUp;
		}

		@Override
		public String description() {
			return description;
		}

		@Override
		public void setUp(Connection connection) throws SQLException {
			for (String statement : setUp.split(";\n")) {
				connection.createStatement().execute(statement);
			}
			// Empty, in a database measured before: each run numbers its rows from 0
			connection.createStatement().execute("truncate " + table);
		}

	}

	/**
	 * The batch of messages a request carries, with their profile ids, written by one
	 * binary {@code COPY} in its own transaction: what a collection path without a
	 * statement per row would cost the database at least.
	 */
	private final class Copy extends ScratchTable {

		/** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01. */
		private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

		Copy(String description, String table, String setUp) {
			super(description, table, setUp);
		}

		@Override
		public void run(Connection connection, long n) throws SQLException {
			SplittableRandom random = new SplittableRandom(Bench.SEED ^ n);
			long now = Instant.now().toEpochMilli() * 1000 - POSTGRES_EPOCH_MICROS;
			ByteArrayOutputStream bytes = new ByteArrayOutputStream(BATCH * 400);
			try (DataOutputStream out = new DataOutputStream(bytes)) {
				out.writeBytes("PGCOPY\n\377\r\n\0");
				out.writeInt(0);
				out.writeInt(0);
				for (int i = 0; i < BATCH; i++) {
					long user = random.nextLong(population);
					StringBuilder payload = new StringBuilder();
					Population.message(payload, "b-" + n + "-" + i, user, random);
					out.writeShort(10);
					text(out, "bench");
					text(out, "b-" + n + "-" + i);
					text(out, "track");
					text(out, "Product Viewed");
					text(out, "user-" + user);
					text(out, "anon-" + user);
					timestamp(out, now);
					timestamp(out, now);
					text(out, payload.toString());
					text(out, "p-" + user);
				}
				out.writeShort(-1);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			connection.setAutoCommit(false);
			try {
				new CopyManager(connection.unwrap(BaseConnection.class)).copyIn("""
						copy %s (channel_id, message_id, type, event, user_id, anonymous_id, occurred_at,
						         received_at, payload, profile_id) from stdin (format binary)""".formatted(table),
						new ByteArrayInputStream(bytes.toByteArray()));
				connection.commit();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				connection.setAutoCommit(true);
			}
		}

		private static void text(DataOutputStream out, String value) throws IOException {
			byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
			out.writeInt(utf8.length);
			out.write(utf8);
		}

		private static void timestamp(DataOutputStream out, long micros) throws IOException {
			out.writeInt(8);
			out.writeLong(micros);
		}

	}

	/** The batch of messages a request carries, inserted over JDBC. */
	private final class Insert extends ScratchTable {

		private final Link link;

		Insert(String description, String table, String setUp, Link link) {
			super(description, table, setUp);
			this.link = link;
		}

		@Override
		public void run(Connection connection, long n) throws SQLException {
			SplittableRandom random = new SplittableRandom(Bench.SEED ^ n);
			Timestamp now = Timestamp.from(Instant.now());
			boolean linked = link != Link.NONE;
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("""
					insert into %s (channel_id, message_id, type, event, user_id, anonymous_id,
					                occurred_at, received_at, payload%s)
					values ('bench', ?, 'track', 'Product Viewed', ?, ?, ?, ?, ?::json%s)""".formatted(table,
					linked ? ", profile_id" : "", linked ? ", ?" : ""))) {
				Set<String> profiles = new TreeSet<>();
				for (int i = 0; i < BATCH; i++) {
					long user = random.nextLong(population);
					StringBuilder payload = new StringBuilder();
					Population.message(payload, "b-" + n + "-" + i, user, random);
					insert.setString(1, "b-" + n + "-" + i);
					insert.setString(2, "user-" + user);
					insert.setString(3, "anon-" + user);
					insert.setTimestamp(4, now);
					insert.setTimestamp(5, now);
					insert.setString(6, payload.toString());
					if (linked) {
						insert.setString(7, "p-" + user);
						profiles.add("p-" + user);
					}
					insert.addBatch();
				}
				if (link == Link.PROFILE_LOCKED) {
					try (PreparedStatement lock = connection.prepareStatement(
							"select id, version from bench_profile_key where id = any(?) for key share")) {
						lock.setArray(1, connection.createArrayOf("text", profiles.toArray()));
						lock.executeQuery().close();
					}
				}
				insert.executeBatch();
				connection.commit();
			}
			finally {
				connection.setAutoCommit(true);
			}
		}

	}

}
