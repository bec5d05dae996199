package io.omnis.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * What PostgreSQL spent its time on while a workload was measured, from
 * {@code pg_stat_statements} ({@code ./omnis bench --profile}): the statements with the
 * most execution time, with calls, rows and the WAL they wrote.
 */
final class StatementStats {

	private static final int TOP = Integer.getInteger("bench.statements", 60);

	private StatementStats() {
	}

	static void reset(DataSource database) throws SQLException {
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("select pg_stat_statements_reset()");
		}
	}

	static void print(DataSource database, String workload, PrintStream log) throws SQLException {
		try (Connection connection = database.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("""
						select calls, rows, total_exec_time, mean_exec_time, total_plan_time, plans, wal_bytes,
						       sum(total_exec_time) over () as everything,
						       regexp_replace(query, '\\s+', ' ', 'g') as query
						  from pg_stat_statements where query not like '%pg_stat_statements%'
						 order by total_exec_time desc limit\s""" + TOP)) {
			log.printf("%s: statements by PostgreSQL execution time while measured (pg_stat_statements)%n", workload);
			log.printf("  %9s %10s %10s %8s %7s %9s %8s %10s  %s%n", "calls", "rows", "total ms", "mean ms", "share",
					"plan ms", "plans", "WAL MB", "statement");
			while (rs.next()) {
				String query = rs.getString("query");
				log.printf(java.util.Locale.ROOT, "  %,9d %,10d %,10.0f %8.3f %6.1f%% %,9.0f %,8d %10.1f  %s%n",
						rs.getLong("calls"), rs.getLong("rows"), rs.getDouble("total_exec_time"),
						rs.getDouble("mean_exec_time"),
						100 * rs.getDouble("total_exec_time") / Math.max(1e-9, rs.getDouble("everything")),
						rs.getDouble("total_plan_time"), rs.getLong("plans"), rs.getDouble("wal_bytes") / 1e6,
						query.length() > 150 ? query.substring(0, 150) + "…" : query);
			}
		}
	}

}
