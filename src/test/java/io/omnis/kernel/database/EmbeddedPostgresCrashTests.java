package io.omnis.kernel.database;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.omnis.PostgresProcesses;
import io.omnis.RunningOmnis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash of Omnis (its JVM killed with SIGKILL) leaves its PostgreSQL running; the next
 * start must take the data folder over, with everything written before the crash.
 */
class EmbeddedPostgresCrashTests {

	private static final Path DATA = Path.of("target", "test-postgres-crash");

	@Test
	void theNextStartTakesOverTheFolderOfAPostgresOrphanedByACrash() throws Exception {
		RunningOmnis.forgetStoppedDatabases(DATA);
		Path dataDir = DATA.resolve("crash-" + System.nanoTime()).toAbsolutePath();
		Process crashing = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), OrphanedPostgres.class.getName(), dataDir.toString(),
				"written before the crash")
			.redirectErrorStream(true)
			.start();
		try {
			awaitReady(crashing);
			long orphan = postmasterPid(dataDir);

			crashing.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive))
				.as("the postgres the killed JVM left behind")
				.isPresent();

			try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(dataDir, 0)) {
				List<String> notes = JdbcClient.create(restarted.postgresDatabase())
					.sql("select note from crash_note")
					.query(String.class)
					.list();

				assertThat(notes).containsExactly("written before the crash");
				assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).as("the orphan").isEmpty();
			}
			assertThat(PostgresProcesses.awaitNoneOn(dataDir)).isEmpty();
		}
		finally {
			crashing.destroyForcibly();
			PostgresProcesses.on(dataDir).forEach(ProcessHandle::destroyForcibly);
		}
	}

	private static void awaitReady(Process child) throws Exception {
		StringBuilder output = new StringBuilder();
		CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					output.append(line).append('\n');
					if (line.equals(OrphanedPostgres.READY)) {
						return true;
					}
				}
				return false;
			}
			catch (IOException ex) {
				return false;
			}
		});
		assertThat(ready.get(120, TimeUnit.SECONDS)).as("the child started its postgres:%n%s", output).isTrue();
	}

	private static long postmasterPid(Path dataDir) throws IOException {
		return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
	}

}
