package io.omnis;

import java.nio.file.Path;
import java.util.List;

/**
 * The PostgreSQL server processes of this machine, found by their command line.
 */
public final class PostgresProcesses {

	private PostgresProcesses() {
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
