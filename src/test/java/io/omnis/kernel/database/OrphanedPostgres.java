package io.omnis.kernel.database;

import java.nio.file.Path;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Run in a child JVM by {@link EmbeddedPostgresCrashTests}: starts the embedded
 * PostgreSQL, writes a row, says so, then waits to be killed, leaving its PostgreSQL
 * orphaned as a crashed Omnis would.
 */
public final class OrphanedPostgres {

	static final String READY = "ready";

	private OrphanedPostgres() {
	}

	public static void main(String[] args) throws Exception {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
		JdbcClient jdbc = JdbcClient.create(server.postgresDatabase());
		jdbc.sql("create table if not exists crash_note (note text not null)").update();
		jdbc.sql("insert into crash_note (note) values (:note)").param("note", args[1]).update();
		System.out.println(READY);
		System.out.flush();
		Thread.sleep(Long.MAX_VALUE);
	}

}
