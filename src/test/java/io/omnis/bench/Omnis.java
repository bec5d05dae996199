package io.omnis.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Omnis under test, started on a database the suite owns, and stopped by
 * {@link #close()}.
 */
interface Omnis extends AutoCloseable {

	URI baseUri();

	/** Its own process, or empty when it runs inside the suite's JVM. */
	Optional<ProcessHandle> process();

	/** How it was started, for the record. */
	String launch();

	@Override
	void close();

	/** Starts Omnis on the given PostgreSQL and returns once it is ready. */
	interface Launcher {

		Omnis start(String jdbcUrl, String adminPassword, Path log) throws Exception;

	}

}
