package io.omnis.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

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
		writeKey = Population.writeKey(bench, "bench-collection");
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
			try (ResultSet rs = connection.createStatement().executeQuery("""
					select count(*), percentile_cont(0.5) within group (order by lag),
					       percentile_cont(0.99) within group (order by lag), max(lag)
					  from (select extract(epoch from p.resolved_at - e.received_at) * 1000 as lag
					          from tracked_event e join event_profile p on p.seq = e.seq
					         where e.message_id like 'c-%') l""")) {
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
		return new Baseline() {

			@Override
			public String description() {
				return "batched JDBC insert of the same " + BATCH
						+ " rows into a copy of tracked_event (same indexes), one commit per batch";
			}

			@Override
			public void setUp(Connection connection) throws SQLException {
				connection.createStatement()
					.execute("create table if not exists bench_tracked_event (like tracked_event including all)");
			}

			@Override
			public void run(Connection connection, long n) throws SQLException {
				SplittableRandom random = new SplittableRandom(Bench.SEED ^ n);
				Timestamp now = Timestamp.from(Instant.now());
				connection.setAutoCommit(false);
				try (PreparedStatement insert = connection.prepareStatement("""
						insert into bench_tracked_event (channel_id, message_id, type, event, user_id, anonymous_id,
						                                 occurred_at, received_at, payload)
						values ('bench', ?, 'track', 'Product Viewed', ?, ?, ?, ?, ?::json)""")) {
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
						insert.addBatch();
					}
					insert.executeBatch();
					connection.commit();
				}
				finally {
					connection.setAutoCommit(true);
				}
			}

		};
	}

}
