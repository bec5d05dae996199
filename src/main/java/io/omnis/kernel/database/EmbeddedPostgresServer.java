package io.omnis.kernel.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL that Omnis starts for itself, with its data in a local folder that
 * survives restarts.
 * <p>
 * A PostgreSQL left running by an Omnis that crashed still holds the folder; it is
 * stopped before the new one starts, so that a crash never blocks the next start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private final EmbeddedPostgres postgres;

	private final Path dataDir;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
		this.postgres = postgres;
		this.dataDir = dataDir;
	}

	public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
		return start(dataDir, port, Map.of());
	}

	/**
	 * Starts it with further server settings (the benchmark's profiling mode preloads
	 * {@code pg_stat_statements}).
	 */
	public static EmbeddedPostgresServer start(Path dataDir, int port, Map<String, String> settings)
			throws IOException {
		Path absolute = dataDir.toAbsolutePath().normalize();
		Files.createDirectories(absolute.getParent());
		stopOrphan(absolute);
		boolean fresh = !Files.exists(absolute.resolve("PG_VERSION"));
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(absolute)
			.setCleanDataDirectory(false)
			// Omnis stops it when its context closes, after the connection pool; a JVM
			// shutdown hook of its own would stop it at the same time as that graceful
			// shutdown, under the requests still being served
			.setRegisterShutdownHook(false)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("max_connections", "200")
			.setServerConfig("shared_buffers", defaultSharedBuffers(physicalMemory()))
			.setServerConfig("fsync", "on")
			// fewer checkpoints under bursts of collected events
			.setServerConfig("max_wal_size", "4GB")
			.setServerConfig("checkpoint_timeout", "15min")
			.setServerConfig("synchronous_commit", "on")
			// The planner's view of the storage: the data lives in the operating system's
			// page cache or on SSD, where a random page costs about a sequential one
			.setServerConfig("effective_cache_size", "4GB")
			.setServerConfig("random_page_cost", "1.1")
			// Short OLTP statements: compiling one would cost more than running it (the
			// bundled server has no LLVM anyway; this keeps it so with another one)
			.setServerConfig("jit", "off");
		settings.forEach(builder::setServerConfig);
		if (port > 0) {
			builder.setPort(port);
		}
		EmbeddedPostgres postgres = builder.start();
		log.info("Embedded PostgreSQL {} on 127.0.0.1:{}, data in {}", fresh ? "created" : "started",
				postgres.getPort(), absolute);
		return new EmbeddedPostgresServer(postgres, absolute);
	}

	/**
	 * A quarter of the machine's memory, between 128 MB and 8 GB (PostgreSQL's own
	 * guidance for a dedicated server): with 100,000 SKUs at 300 locations the stock
	 * index no longer fits in 256 MB, and every availability read past it copied pages
	 * from the operating system's cache. PostgreSQL maps the buffers at start but the
	 * kernel only backs the pages it touches, so a small database costs little.
	 */
	static String defaultSharedBuffers(long physicalBytes) {
		long mb = physicalBytes / 4 / (1024 * 1024);
		return Math.clamp(mb, 128, 8192) + "MB";
	}

	private static long physicalMemory() {
		if (java.lang.management.ManagementFactory
			.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getTotalMemorySize();
		}
		return 0;
	}

	public DataSource postgresDatabase() {
		return postgres.getPostgresDatabase();
	}

	public String jdbcUrl() {
		return postgres.getJdbcUrl("postgres", "postgres");
	}

	public int port() {
		return postgres.getPort();
	}

	public Path dataDir() {
		return dataDir;
	}

	@Override
	public void close() throws IOException {
		postgres.close();
	}

	/**
	 * Stops a postmaster whose pid file is in the folder and whose process is still
	 * alive.
	 */
	static void stopOrphan(Path dataDir) throws IOException {
		Path pidFile = dataDir.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty()
				: parsePid(lines.getFirst()).flatMap(ProcessHandle::of);
		if (orphan.isPresent() && orphan.get().isAlive() && isPostgres(orphan.get())) {
			log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier Omnis", orphan.get().pid(),
					dataDir);
			orphan.get().destroy(); // SIGTERM: "smart" shutdown, then forcibly if it
									// lingers
			try {
				orphan.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				orphan.get().destroyForcibly();
				orphan.get().onExit().join();
			}
		}
		// A pid file without a live postmaster is stale; PostgreSQL itself would also
		// ignore it
		Files.deleteIfExists(pidFile);
	}

	private static Optional<Long> parsePid(String line) {
		try {
			return Optional.of(Long.parseLong(line.trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static boolean isPostgres(ProcessHandle process) {
		return process.info().command().map(command -> command.endsWith("postgres")).orElse(true);
	}

}
