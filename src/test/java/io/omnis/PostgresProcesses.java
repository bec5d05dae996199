package io.omnis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL server processes of this machine, found by their command line.
 */
public final class PostgresProcesses {

	private PostgresProcesses() {
	}

	/**
	 * The postgres processes still serving the given data folder after they had up to ten
	 * seconds to exit: a stopped server removes its pid file a moment before it is gone.
	 */
	public static List<ProcessHandle> awaitNoneOn(Path dataDir) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<ProcessHandle> left = on(dataDir);
		while (!left.isEmpty() && System.nanoTime() < deadline) {
			left.forEach(process -> process.onExit().completeOnTimeout(process, 1, TimeUnit.SECONDS).join());
			left = on(dataDir);
		}
		return left;
	}

	/** The live postgres processes serving the given data folder. */
	public static List<ProcessHandle> on(Path dataDir) {
		String folder = dataDir.toAbsolutePath().normalize().toString();
		return ProcessHandle.allProcesses()
			.filter(ProcessHandle::isAlive)
			.filter(process -> process.info()
				.commandLine()
				.filter(line -> line.contains("postgres") && line.contains(folder))
				.isPresent())
			.toList();
	}

}
