package io.omnis.bench;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The raw rate of the database for the primitive nearest to a workload, run over JDBC at
 * the workload's concurrency, one connection per worker, directly against Omnis's
 * PostgreSQL.
 */
public interface Baseline {

	/** What one operation is, for example {@code indexed SELECT of a channel by id}. */
	String description();

	/** Creates what the primitive needs (a scratch table, say), once, before it runs. */
	default void setUp(Connection connection) throws SQLException {
	}

	/**
	 * Runs one primitive on the worker's own connection (in auto-commit mode).
	 * @param n the primitive's sequence number, from which inputs are derived
	 */
	void run(Connection connection, long n) throws SQLException;

	/** Stops what {@link #setUp} started (a listening connection, say). */
	default void tearDown() throws Exception {
	}

}
