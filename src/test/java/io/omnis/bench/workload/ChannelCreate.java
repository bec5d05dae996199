package io.omnis.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import io.omnis.bench.Baseline;
import io.omnis.bench.Bench;
import io.omnis.bench.Workload;

/**
 * Registers channels the way an integration retries safely: each POST carries its own
 * Idempotency-Key, and Omnis writes the channel, its write key and its secret key, the
 * idempotency record and the event publication in one transaction.
 */
public class ChannelCreate implements Workload {

	private static final String[] TYPES = { "WEB", "MOBILE_APP", "STORE", "EMAIL", "CHAT" };

	@Override
	public String name() {
		return "channel-create";
	}

	@Override
	public String operation() {
		return "POST /api/v1/channels with an Idempotency-Key (channel, 2 keys, idempotency record, event)";
	}

	@Override
	public int concurrency() {
		return 8;
	}

	@Override
	public void setUp(Bench bench) {
		// Nothing to load: every operation creates a channel with a new name
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		String body = """
				{"type":"%s","name":"create-%07d","description":"A channel created by the create benchmark"}"""
			.formatted(TYPES[(int) (n % TYPES.length)], n);
		bench.api().post("/api/v1/channels", body, "bench-create-" + Bench.SEED + "-" + n);
	}

	@Override
	public Baseline baseline(Bench bench) {
		return new Baseline() {

			@Override
			public String description() {
				return "single-row INSERT into a scratch copy of the channel table, committed per row";
			}

			@Override
			public void setUp(Connection connection) throws SQLException {
				try (Statement ddl = connection.createStatement()) {
					ddl.execute("create schema if not exists bench_scratch");
					ddl.execute("drop table if exists bench_scratch.channel");
					ddl.execute("create table bench_scratch.channel (like public.channel including all)");
				}
			}

			@Override
			public void run(Connection connection, long n) throws SQLException {
				try (PreparedStatement insert = connection.prepareStatement("""
						insert into bench_scratch.channel (id, type, name, description, status, created_at, updated_at)
						values (?, ?, ?, ?, 'ACTIVE', now(), now())""")) {
					insert.setString(1, "chn_bench%022d".formatted(n));
					insert.setString(2, TYPES[(int) (n % TYPES.length)]);
					insert.setString(3, "create-%07d".formatted(n));
					insert.setString(4, "A channel created by the create benchmark");
					insert.executeUpdate();
				}
			}

		};
	}

}
