package io.omnis.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

/**
 * What a workload gets to work with: the API of the Omnis under test, its database, the
 * mode, and the fixed seed every choice is derived from.
 */
public final class Bench {

	/**
	 * The seed of every run: the same mode loads the same data and asks the same
	 * questions.
	 */
	public static final long SEED = 20261122L;

	private static final Duration SEEDING_LIMIT = Duration.ofMinutes(5);

	private final Api api;

	private final DataSource database;

	private final Mode mode;

	private final SecondNode secondNode;

	private final ConsoleSignIn console;

	private Api second;

	private final Map<String, Long> sizes;

	private final String runSuffix;

	Bench(Api api, DataSource database, Mode mode, SecondNode secondNode, ConsoleSignIn console,
			Map<String, Long> sizes, String runSuffix) {
		this.api = api;
		this.database = database;
		this.mode = mode;
		this.secondNode = secondNode;
		this.console = console;
		this.sizes = Map.copyOf(sizes);
		this.runSuffix = runSuffix;
	}

	/**
	 * {@code name} as this run names what it creates where names are unique (channels):
	 * as it is in a database of its own, with the run's time in one measured before.
	 */
	public String named(String name) {
		return name + runSuffix;
	}

	/**
	 * A new console session of the first administrator, as the {@code Cookie} header
	 * value a browser would send, for workloads that watch what an agent sees.
	 */
	public String consoleSession() throws Exception {
		return console.signIn();
	}

	/** Signs in to the console of the Omnis under test. */
	@FunctionalInterface
	interface ConsoleSignIn {

		String signIn() throws Exception;

	}

	/**
	 * A data size asked for on the command line ({@code --profiles 1000000}), which a
	 * workload uses instead of its mode's scale.
	 */
	public OptionalLong size(String name) {
		Long size = sizes.get(name);
		return size == null ? OptionalLong.empty() : OptionalLong.of(size);
	}

	/**
	 * A second Omnis on the same PostgreSQL, started on first use (with the same key),
	 * for workloads whose claim is about several nodes; stopped with the first.
	 */
	public synchronized Api secondNode() throws Exception {
		if (second == null) {
			second = secondNode.start();
		}
		return second;
	}

	/** Starts another Omnis on the bench's database. */
	@FunctionalInterface
	interface SecondNode {

		Api start() throws Exception;

	}

	public Api api() {
		return api;
	}

	/** Omnis's own PostgreSQL, for a workload that needs to look behind the API. */
	public DataSource database() {
		return database;
	}

	public Mode mode() {
		return mode;
	}

	/**
	 * A uniformly chosen index in {@code [0, size)} for the n-th operation, the same in
	 * every run (SplitMix64 of the seed and {@code n}).
	 */
	public int pick(long n, int size) {
		long z = SEED + (n + 1) * 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return (int) Math.floorMod(z ^ (z >>> 31), (long) size);
	}

	/**
	 * Runs {@code count} operations at the given concurrency to load data, and fails
	 * unless all of them succeeded; {@code n} runs from 0 to {@code count - 1}.
	 */
	public void load(String what, int count, int concurrency, Operation operation)
			throws IOException, InterruptedException {
		Measurement loaded = Load.run(concurrency, count, SEEDING_LIMIT, new AtomicLong(), index -> operation::run,
				new CpuMeter(Optional.empty(), Optional.empty()));
		if (loaded.errors() > 0 || loaded.ops() != count) {
			throw new IOException("Loading " + what + " failed: " + loaded.ops() + " of " + count + " loaded, "
					+ loaded.errors() + " errors, the first: " + loaded.firstError());
		}
	}

	/** One step of loading data. */
	@FunctionalInterface
	public interface Operation {

		void run(long n) throws Exception;

	}

}
