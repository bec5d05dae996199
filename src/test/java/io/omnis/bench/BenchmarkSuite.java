package io.omnis.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.sun.management.OperatingSystemMXBean;
import ch.qos.logback.classic.Level;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.FileSystemUtils;

import io.omnis.bench.Results.Row;
import io.omnis.kernel.database.EmbeddedPostgresServer;

/**
 * The benchmark suite: starts a fresh PostgreSQL and an Omnis on it, loads each
 * workload's data, measures each workload over HTTP and its baseline over JDBC, prints
 * one row per workload, writes the run as JSON and stops everything it started.
 * <p>
 * {@code ./omnis bench [quick|full|replay [--limit N]] [--only name,...] [--data dir] [--profile] [--warm-up S] [--jvm a,b] [--pg name=value,...] [--profiles N [--events M]] [--skus N] [--customers N] [--omnis URL --database JDBC_URL [--second-omnis URL]]}.
 * With {@code --omnis} it starts nothing: it loads and measures an Omnis started
 * elsewhere ({@link OmnisElsewhere}).
 */
public final class BenchmarkSuite {

	private static final String WORKLOADS = "io.omnis.bench.workload";

	private final Mode mode;

	private final Path out;

	private final Omnis.Launcher launcher;

	private final Set<String> only;

	private final PrintStream log;

	private final boolean profile;

	private final java.util.Map<String, Long> sizes = new java.util.HashMap<>();

	/**
	 * Server settings for the bench's PostgreSQL beyond Omnis's embedded defaults
	 * ({@code --pg name=value,...}), recorded with the results.
	 */
	private final java.util.Map<String, String> postgresSettings = new java.util.TreeMap<>();

	/** An Omnis started outside the suite, to measure instead of starting one. */
	private @Nullable OmnisElsewhere elsewhere;

	BenchmarkSuite(Mode mode, Path out, Omnis.Launcher launcher, Set<String> only, PrintStream log) {
		this(mode, out, launcher, only, log, false);
	}

	/**
	 * With {@code profile}, PostgreSQL preloads {@code pg_stat_statements} and each row
	 * is followed by the statements that took the most time while it was measured.
	 */
	BenchmarkSuite(Mode mode, Path out, Omnis.Launcher launcher, Set<String> only, PrintStream log, boolean profile) {
		this.mode = mode;
		this.out = out;
		this.launcher = launcher;
		this.only = only;
		this.log = log;
		this.profile = profile;
	}

	public static void main(String[] args) {
		// The suite prints its own progress; the embedded PostgreSQL's INFO lines are
		// noise
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(Level.WARN);
		int status;
		try {
			status = run(List.of(args));
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		System.exit(status);
	}

	private static int run(List<String> args) throws Exception {
		String mode = "quick";
		Path data = Path.of("..", "shared", "data");
		Path jar = Path.of("target", "omnis.jar");
		Set<String> only = Set.of();
		boolean profile = false;
		int limit = OrderReplay.DEFAULT_LIMIT;
		java.util.Map<String, Long> sizes = new java.util.HashMap<>();
		List<String> jvm = new java.util.ArrayList<>();
		java.util.Map<String, String> postgres = new java.util.TreeMap<>();
		java.time.Duration warmUp = null;
		java.util.Map<String, String> target = new java.util.HashMap<>();
		for (int i = 0; i < args.size(); i++) {
			switch (args.get(i)) {
				case "--data" -> data = Path.of(args.get(++i));
				case "--jar" -> jar = Path.of(args.get(++i));
				case "--only" -> only = Set.of(args.get(++i).split(","));
				case "--profile" -> profile = true;
				case "--jvm" -> jvm.addAll(List.of(args.get(++i).split(",")));
				case "--pg" -> postgres.putAll(postgresSettings(args.get(++i)));
				// A longer warm-up measures JIT-compiled, steady-state nodes
				case "--warm-up" -> warmUp = java.time.Duration.ofSeconds(Long.parseLong(args.get(++i)));
				case "--limit" -> limit = Integer.parseInt(args.get(++i));
				case "--profiles", "--events", "--skus", "--customers" ->
					sizes.put(args.get(i).substring(2), Long.parseLong(args.get(++i)));
				case "--omnis", "--second-omnis", "--database" -> target.put(args.get(i), args.get(++i));
				default -> mode = args.get(i);
			}
		}
		OmnisElsewhere elsewhere = target.isEmpty() ? null : elsewhere(target, System.getenv("OMNIS_ADMIN_PASSWORD"),
				mode.equals("replay") || profile || !jvm.isEmpty() || !postgres.isEmpty());
		if (mode.equals("replay")) {
			return replay(data, limit, OmnisProcess.jar(jar), System.out);
		}
		// A flight recording of Omnis, for where its own time goes, with stacks deep
		// enough
		// to reach from a request's servlet filters down to JDBC (the default 64 frames
		// cut
		// most of them off above the controller)
		if (profile) {
			jvm.add("-XX:FlightRecorderOptions:stackdepth=256");
			jvm.add("-XX:StartFlightRecording=filename=" + Path.of("target", "bench", "omnis-%t.jfr").toAbsolutePath()
					+ ",settings=profile");
		}
		Mode chosen = Mode.of(mode);
		if (warmUp != null) {
			chosen = chosen.withWarmUp(warmUp);
		}
		BenchmarkSuite suite = new BenchmarkSuite(chosen, Path.of("target", "bench"), OmnisProcess.jar(jar, jvm), only,
				System.out, profile);
		suite.sizes.putAll(sizes);
		suite.postgresSettings.putAll(postgres);
		suite.elsewhere = elsewhere;
		suite.run();
		return 0;
	}

	/**
	 * The Omnis that {@code --omnis}, {@code --second-omnis} and {@code --database} name,
	 * refused with what is missing: the suite needs the database (for its baselines and
	 * for what a workload reads back) and the administrator's password (to create the
	 * {@code bench} channel), and starts nothing it could set options on.
	 */
	static OmnisElsewhere elsewhere(java.util.Map<String, String> target, @Nullable String adminPassword,
			boolean startsItsOwn) {
		String omnis = target.get("--omnis");
		String database = target.get("--database");
		if (omnis == null || database == null) {
			throw new IllegalArgumentException("--omnis URL and --database JDBC_URL go together (and --second-omnis "
					+ "with them): the suite measures its baselines on the database Omnis uses");
		}
		if (!database.startsWith("jdbc:postgresql:")) {
			throw new IllegalArgumentException("--database takes a jdbc:postgresql: URL, not: " + database);
		}
		if (adminPassword == null || adminPassword.isBlank()) {
			throw new IllegalArgumentException("With --omnis, set OMNIS_ADMIN_PASSWORD to the password of the "
					+ "console's admin: the suite signs in to create its bench channel");
		}
		if (startsItsOwn) {
			throw new IllegalArgumentException("replay, --profile, --jvm and --pg start or configure the Omnis and "
					+ "PostgreSQL the suite starts itself; with --omnis they are started elsewhere");
		}
		String second = target.get("--second-omnis");
		return new OmnisElsewhere(uri("--omnis", omnis), second == null ? null : uri("--second-omnis", second),
				database, adminPassword);
	}

	private static java.net.URI uri(String option, String value) {
		try {
			java.net.URI uri = new java.net.URI(value);
			if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
				return uri;
			}
		}
		catch (java.net.URISyntaxException ex) {
			// said below
		}
		throw new IllegalArgumentException(option + " takes an http(s) URL, not: " + value);
	}

	/** Measures {@code omnis} instead of starting an Omnis and a PostgreSQL. */
	BenchmarkSuite measuring(OmnisElsewhere omnis) {
		this.elsewhere = omnis;
		return this;
	}

	/**
	 * {@code name=value,...} as PostgreSQL server settings, for example
	 * {@code synchronous_commit=off,commit_delay=100}.
	 */
	static java.util.Map<String, String> postgresSettings(String list) {
		java.util.Map<String, String> settings = new java.util.TreeMap<>();
		for (String setting : list.split(",")) {
			int equals = setting.indexOf('=');
			if (equals < 1 || equals == setting.length() - 1) {
				throw new IllegalArgumentException("--pg takes name=value,...; not: " + setting);
			}
			settings.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
		}
		return settings;
	}

	/** Runs the suite and returns the JSON file it wrote. */
	Path run() throws Exception {
		List<Workload> workloads = workloads();
		if (workloads.isEmpty()) {
			throw new IllegalArgumentException("No workload is called " + only);
		}
		String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Files.createDirectories(out);
		Cleanup cleanup = new Cleanup();
		Thread hook = new Thread(cleanup::close, "bench-cleanup");
		Runtime.getRuntime().addShutdownHook(hook);
		try (LoadAverage load = cleanup.push(LoadAverage.start())) {
			Double loadBefore = LoadAverage.now();
			Results.Settings settings = Results.Settings.of(mode, postgresSettings);
			say("%s mode: %d workloads (%s), each %.1f s warm-up, then up to %.1f s or %,d operations; "
					+ "baselines up to %.1f s", mode.name(), workloads.size(),
					String.join(", ", workloads.stream().map(Workload::name).toList()), settings.warmUpSeconds(),
					settings.measureSeconds(), mode.maxOps(), settings.baselineSeconds());
			Started ready = start(cleanup, stamp);
			Bench bench = ready.bench();
			Omnis omnis = ready.omnis();
			DataSource database = bench.database();
			CpuMeter cpu = ready.cpu();
			List<Row> rows = new ArrayList<>();
			// In-process, the client's CPU is Omnis's too
			boolean clientAlone = omnis.process().isPresent() || elsewhere != null;
			for (Workload workload : workloads) {
				rows.add(measure(workload, bench, cpu, load, clientAlone));
			}
			Results results = new Results("omnis-bench", 1, mode.name(), started.toString(),
					Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
					machine(database, omnis, loadBefore, load, started), settings, rows, pending());
			Path file = out.resolve("results-" + stamp + ".json").toAbsolutePath();
			Report.write(results, file);
			Report.print(results, file, log);
			return file;
		}
		finally {
			say(elsewhere == null ? "stopping Omnis and PostgreSQL" : "done; Omnis and PostgreSQL keep running");
			cleanup.close();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException shuttingDown) {
				// the hook is running or has run
			}
		}
	}

	/**
	 * A fresh PostgreSQL and Omnis on it, with the bench's key; both stopped by the
	 * cleanup.
	 */
	private Started start(Cleanup cleanup, String stamp) throws Exception {
		if (elsewhere != null) {
			say("%s; only the load generator's CPU is measured", elsewhere);
			return connect(cleanup, elsewhere, elsewhere.database(), elsewhere.adminPassword(), elsewhere::secondNode,
					new CpuMeter(Optional.empty(), Optional.empty()), " " + stamp);
		}
		Path dataDir = out.resolve("pg-" + stamp).toAbsolutePath();
		cleanup.push(() -> FileSystemUtils.deleteRecursively(dataDir));
		java.util.Map<String, String> settings = new java.util.TreeMap<>(postgresSettings);
		if (profile) {
			settings.put("shared_preload_libraries", "pg_stat_statements");
			settings.put("pg_stat_statements.track_planning", "on");
		}
		EmbeddedPostgresServer postgres = cleanup.push(EmbeddedPostgresServer.start(dataDir, 0, settings));
		DataSource database = database(postgres.port());
		if (profile) {
			try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
				statement.execute("create extension if not exists pg_stat_statements");
			}
		}
		say("PostgreSQL on 127.0.0.1:%d, data in %s; starting Omnis", postgres.port(), dataDir);
		long starting = System.nanoTime();
		String password = "bench-" + UUID.randomUUID();
		Omnis omnis = cleanup.push(launcher.start("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres",
				password, out.resolve("omnis-" + stamp + ".log").toAbsolutePath()));
		say("Omnis ready at %s after %.1f s: %s", omnis.baseUri(), (System.nanoTime() - starting) / 1e9,
				omnis.launch());
		return connect(cleanup, omnis, database, password, () -> {
			Omnis node = cleanup.push(launcher.start("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres",
					password, out.resolve("omnis-" + stamp + "-node2.log").toAbsolutePath()));
			say("second Omnis node ready at %s", node.baseUri());
			return node.baseUri();
		}, new CpuMeter(omnis.process(), postmaster(dataDir)), "");
	}

	/**
	 * Signs in to {@code omnis} as its administrator and creates the bench channel whose
	 * key the workloads use, on this node and on the second one when a workload asks for
	 * it; {@code runSuffix} follows the names of the channels the run creates.
	 */
	private Started connect(Cleanup cleanup, Omnis omnis, DataSource database, String password,
			java.util.concurrent.Callable<java.net.URI> secondNode, CpuMeter cpu, String runSuffix) throws Exception {
		Api api = cleanup.push(new Api(omnis.baseUri()));
		String key = AdminSession.issueBenchKey(api, password, "bench" + runSuffix);
		api.authenticateWith(key);
		Bench.SecondNode second = () -> {
			Api nodeApi = cleanup.push(new Api(secondNode.call()));
			nodeApi.authenticateWith(key);
			return nodeApi;
		};
		return new Started(new Bench(api, database, mode, second, () -> AdminSession.signIn(api, password).cookie(),
				sizes, runSuffix), omnis, cpu);
	}

	private record Started(Bench bench, Omnis omnis, CpuMeter cpu) {
	}

	/**
	 * Replays the real data through the collection API on a fresh Omnis, after checking
	 * the folder.
	 */
	static int replay(Path data, Omnis.Launcher launcher, PrintStream log) throws Exception {
		return replay(data, OrderReplay.DEFAULT_LIMIT, launcher, log);
	}

	/**
	 * As {@link #replay(Path, Omnis.Launcher, PrintStream)}, then at most {@code limit}
	 * store baskets as till sales and {@code limit} online invoices as web orders.
	 */
	static int replay(Path data, int limit, Omnis.Launcher launcher, PrintStream log) throws Exception {
		if (limit < 0) {
			throw new IllegalArgumentException("--limit must be 0 or more");
		}
		int status = Replay.run(data, limit, log);
		if (status != 0 || !Files.isDirectory(data)) {
			return status;
		}
		BenchmarkSuite suite = new BenchmarkSuite(Mode.QUICK, Path.of("target", "bench"), launcher, Set.of(), log);
		String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		try (Cleanup cleanup = new Cleanup(); LoadAverage load = LoadAverage.start()) {
			Started started = suite.start(cleanup, stamp);
			java.util.Map<String, OrderReplay.Channel> channels = new java.util.HashMap<>();
			Replay.events(started.bench(), data, log, channels);
			log.printf("load average (1 min) after the events: %s%n", LoadAverage.now());
			if (limit > 0) {
				OrderReplay.run(started.bench(), data.toAbsolutePath().normalize(), limit, channels,
						channels.get("web"), log);
				log.printf("load average (1 min) after the orders: %s%n", LoadAverage.now());
			}
		}
		return 0;
	}

	private Row measure(Workload workload, Bench bench, CpuMeter cpu, LoadAverage load, boolean clientAlone)
			throws Exception {
		String name = workload.name();
		say("%s: setting up", name);
		long setUpStart = System.nanoTime();
		workload.setUp(bench);
		double setUp = Measurement.round((System.nanoTime() - setUpStart) / 1e9);
		say("%s: set up in %.1f s; warming up, then measuring at concurrency %d", name, setUp, workload.concurrency());
		AtomicLong sequence = new AtomicLong();
		Load.Workers http = index -> n -> workload.run(bench, n);
		Load.run(workload.concurrency(), mode.maxOps(), mode.warmUp(), sequence, http, cpu);
		if (profile) {
			StatementStats.reset(bench.database());
		}
		long from = System.currentTimeMillis();
		Measurement measured = Load.run(workload.concurrency(), mode.maxOps(), mode.measure(), sequence, http, cpu);
		LoadAverage.Stats during = load.between(from, System.currentTimeMillis());
		if (profile) {
			StatementStats.print(bench.database(), name, log);
		}
		java.util.Map<String, String> facts = new java.util.LinkedHashMap<>(workload.afterMeasure(bench));

		Baseline baseline = workload.baseline(bench);
		Measurement base = primitive(workload, baseline, bench, cpu);
		for (Baseline floor : workload.floors(bench)) {
			facts.put("floor: " + floor.description(),
					Report.floorFact(primitive(workload, floor, bench, cpu), workload.itemsPerOperation()));
		}

		Double ratio = base.throughput() > 0 ? Measurement.round(measured.throughput() / base.throughput()) : null;
		boolean saturated = clientAlone && measured.cpu().client() != null
				&& measured.cpu().client() > Report.SATURATED;
		say("%s: %,.1f ops/s (p99 %.2f ms, %d errors); baseline %,.1f ops/s", name, measured.throughput(),
				measured.p99Ms(), measured.errors(), base.throughput());
		return new Row(name, workload.operation(), workload.concurrency(), setUp, measured, baseline.description(),
				base, ratio, during, saturated, workload.itemsPerOperation(), facts);
	}

	/**
	 * Runs a database primitive as a baseline runs: a third of the warm-up, then measured
	 * at the workload's concurrency, one connection per worker.
	 */
	private Measurement primitive(Workload workload, Baseline primitive, Bench bench, CpuMeter cpu) throws Exception {
		try (Connection connection = bench.database().getConnection()) {
			primitive.setUp(connection);
		}
		AtomicLong sequence = new AtomicLong();
		Load.Workers jdbc = index -> {
			Connection connection = bench.database().getConnection();
			return new Load.Worker() {

				@Override
				public void run(long n) throws Exception {
					primitive.run(connection, n);
				}

				@Override
				public void close() throws SQLException {
					connection.close();
				}

			};
		};
		try {
			Load.run(workload.concurrency(), mode.maxOps(), mode.warmUp().dividedBy(3), sequence, jdbc, cpu);
			return Load.run(workload.concurrency(), mode.maxOps(), mode.baseline(), sequence, jdbc, cpu);
		}
		finally {
			primitive.tearDown();
		}
	}

	/**
	 * The workloads in {@code io.omnis.bench.workload}, by name (only the asked ones).
	 */
	List<Workload> workloads() {
		return allWorkloads().stream().filter(workload -> only.isEmpty() || only.contains(workload.name())).toList();
	}

	private List<Workload> allWorkloads() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AssignableTypeFilter(Workload.class));
		return scanner.findCandidateComponents(WORKLOADS)
			.stream()
			.map(candidate -> (Workload) BeanUtils.instantiateClass(
					ClassUtils.resolveClassName(candidate.getBeanClassName(), getClass().getClassLoader())))
			.sorted(Comparator.comparing(Workload::name))
			.toList();
	}

	/** The planned workloads not written yet (not those left out by {@code --only}). */
	private List<Results.Pending> pending() {
		Set<String> built = Set.copyOf(allWorkloads().stream().map(Workload::name).toList());
		return Arrays.stream(Planned.ALL)
			.filter(planned -> !built.contains(planned.name()))
			.map(planned -> new Results.Pending(planned.name(), planned.module(), planned.operation(),
					planned.baseline(), planned.status()))
			.toList();
	}

	private Results.Machine machine(DataSource database, Omnis omnis, Double loadBefore, LoadAverage load,
			Instant started) throws SQLException {
		String postgres;
		try (Connection connection = database.getConnection();
				Statement statement = connection.createStatement();
				ResultSet version = statement.executeQuery("select version()")) {
			version.next();
			postgres = version.getString(1);
		}
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vendor") + ")";
		Results.LoadAverages loadAverage = new Results.LoadAverages(loadBefore,
				load.between(started.toEpochMilli(), System.currentTimeMillis()), LoadAverage.now(), load.samples());
		return new Results.Machine(Runtime.getRuntime().availableProcessors(),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"),
				os.getTotalMemorySize() / (1024 * 1024), jvm, omnis.launch() + (elsewhere == null ? ", same JDK" : ""),
				postgres, commit(), loadAverage);
	}

	private static DataSource database(int port) {
		PGSimpleDataSource database = new PGSimpleDataSource();
		database.setServerNames(new String[] { "127.0.0.1" });
		database.setPortNumbers(new int[] { port });
		database.setDatabaseName("postgres");
		database.setUser("postgres");
		database.setApplicationName("omnis-bench");
		return database;
	}

	private static Optional<ProcessHandle> postmaster(Path dataDir) {
		try {
			return ProcessHandle.of(Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst()));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static String commit() {
		try {
			Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true)
				.start();
			String described = new String(git.getInputStream().readAllBytes()).trim();
			return git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 ? described : "unknown";
		}
		catch (IOException | InterruptedException ex) {
			return "unknown";
		}
	}

	private void say(String format, Object... args) {
		log.printf("[bench %s] %s%n", LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")),
				String.format(format, args));
	}

}
