package io.omnis.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import tools.jackson.databind.SerializationFeature;

import io.omnis.bench.Results.Row;

/**
 * Prints a run as a table, one row per workload, and writes it as JSON.
 */
final class Report {

	/**
	 * Client CPU (in cores) above which the load generator may have been the bottleneck.
	 */
	static final double SATURATED = 0.85;

	/** The share of all cores above which the machine itself was the limit. */
	static final double BUSY = 0.9;

	private Report() {
	}

	static void print(Results results, Path file, PrintStream out) {
		Results.Machine machine = results.machine();
		out.println();
		out.printf("Omnis benchmark, %s mode, %s, commit %s%n", results.mode(), results.startedAt(), machine.commit());
		Duration took = Duration.between(Instant.parse(results.startedAt()), Instant.parse(results.finishedAt()));
		out.printf("took %d min %02d s from the start to the last baseline (the build comes before)%n",
				took.toMinutes(), took.toSecondsPart());
		out.printf("machine: %d CPUs, %s, %,d MB; JVM %s%n", machine.cpus(), machine.os(), machine.memoryMb(),
				machine.jvm());
		out.printf("omnis:   %s%n", machine.omnis());
		out.printf("db:      %s%n", machine.postgres());
		Results.LoadAverages load = machine.loadAverage();
		out.printf("load average (1 min): before %s, during %s, after %s%n", number(load.before()),
				range(load.during()), number(load.after()));
		out.println();
		out.printf("%-24s %4s %9s %10s %8s %8s %8s %7s %12s %7s  %s%n", "workload", "conc", "ops", "ops/s", "p50 ms",
				"p95 ms", "p99 ms", "errors", "baseline/s", "ratio", "cpu client/omnis/pg (cores)");
		for (Row row : results.workloads()) {
			Measurement m = row.omnis();
			out.printf(Locale.ROOT, "%-24s %4d %,9d %,10.1f %8.2f %8.2f %8.2f %,7d %,12.1f %7s  %s%s%n", row.name(),
					row.concurrency(), m.ops(), m.throughput(), m.p50Ms(), m.p95Ms(), m.p99Ms(), m.errors(),
					row.baselineMeasurement().throughput(),
					row.ratio() == null ? "-" : String.format(Locale.ROOT, "%.3f", row.ratio()), cpu(m.cpu()),
					row.clientSaturated() ? "  CLIENT SATURATED" : "");
		}
		for (Results.Pending pending : results.pending()) {
			out.printf("%-24s %s%n", pending.name(), pending.status());
		}
		if (results.workloads().stream().anyMatch(row -> row.omnis().cpu().postgres() == null)) {
			out.println("(Omnis and PostgreSQL ran outside the suite: only the load generator's CPU is known, "
					+ "and the machine and load average above are the load generator's)");
		}
		else if (results.workloads().stream().anyMatch(row -> row.omnis().cpu().omnis() == null)) {
			out.println("(Omnis ran in-process: the client's CPU includes Omnis's, and Omnis's own is not known)");
		}
		out.println();
		out.println("ratio = Omnis ops/s / baseline ops/s; baseline = the nearest primitive over JDBC on the same "
				+ "PostgreSQL, same concurrency, one connection per worker:");
		for (Row row : results.workloads()) {
			Measurement b = row.baselineMeasurement();
			out.printf(Locale.ROOT, "  %-22s %s: %,.1f/s, p50 %.2f ms, p99 %.2f ms, %d errors%n", row.name(),
					row.baseline(), b.throughput(), b.p50Ms(), b.p99Ms(), b.errors());
		}
		for (Row row : results.workloads()) {
			if (row.itemsPerOperation() > 1) {
				out.printf(Locale.ROOT, "  %-22s %d items per operation: %,.0f items/s (baseline %,.0f items/s)%n",
						row.name(), row.itemsPerOperation(), row.omnis().throughput() * row.itemsPerOperation(),
						row.baselineMeasurement().throughput() * row.itemsPerOperation());
			}
			row.facts().forEach((fact, value) -> out.printf("  %-22s %s: %s%n", row.name(), fact, value));
		}
		// What each item cost each process: a rate the machine bounded is read against
		// what the same items cost the baseline
		for (Row row : results.workloads()) {
			int items = row.itemsPerOperation();
			Measurement.Cpu omnis = row.omnis().cpu().perItemMicros(row.omnis().throughput() * items);
			Measurement.Cpu base = row.baselineMeasurement()
				.cpu()
				.perItemMicros(row.baselineMeasurement().throughput() * items);
			if (omnis.postgres() != null) {
				out.printf(Locale.ROOT, "  %-22s CPU per %s, µs client/Omnis/PostgreSQL: %s; baseline %s/-/%s%n",
						row.name(), items > 1 ? "item" : "operation",
						micros(omnis.client()) + "/" + micros(omnis.omnis()) + "/" + micros(omnis.postgres()),
						micros(base.client()), micros(base.postgres()));
			}
		}
		for (Row row : results.workloads()) {
			Measurement.Cpu cpu = row.omnis().cpu();
			if (cpu.client() != null && cpu.omnis() != null && cpu.postgres() != null) {
				double used = cpu.client() + cpu.omnis() + cpu.postgres();
				if (used >= BUSY * machine.cpus()) {
					out.printf(Locale.ROOT,
							"! %s: client, Omnis and PostgreSQL together used %.2f of %d cores: the machine bounded "
									+ "the rate, not Omnis alone%n",
							row.name(), used, machine.cpus());
				}
			}
			if (row.clientSaturated()) {
				out.printf(
						"! %s: the load generator used %.2f cores (more than %.2f): it may have been the "
								+ "bottleneck, read the row as a lower bound%n",
						row.name(), row.omnis().cpu().client(), SATURATED);
			}
			if (row.omnis().errors() > 0) {
				out.printf("! %s: %d errors, the first: %s%n", row.name(), row.omnis().errors(),
						row.omnis().firstError());
			}
			if (row.baselineMeasurement().errors() > 0) {
				out.printf("! %s baseline: %d errors, the first: %s%n", row.name(), row.baselineMeasurement().errors(),
						row.baselineMeasurement().firstError());
			}
		}
		if (load.during() != null && load.during().mean() > machine.cpus()) {
			out.printf(Locale.ROOT,
					"! the load average during the run (mean %.2f) exceeded the %d CPUs: other work competed with "
							+ "this run, compare it only with runs under similar load%n",
					load.during().mean(), machine.cpus());
		}
		out.println("results: " + file);
	}

	static void write(Results results, Path file) throws IOException {
		Api.JSON.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(file.toFile(), results);
	}

	private static String cpu(Measurement.Cpu cpu) {
		return number(cpu.client()) + "/" + number(cpu.omnis()) + "/" + number(cpu.postgres());
	}

	/** A floor's rate, p99, CPU per item and errors, as one line of facts. */
	static String floorFact(Measurement floor, int items) {
		Measurement.Cpu perItem = floor.cpu().perItemMicros(floor.throughput() * items);
		String unit = items > 1 ? "item" : "operation";
		return String.format(Locale.ROOT, "%,.0f %ss/s, p99 %.2f ms, CPU µs per %s client/PostgreSQL %s/%s",
				floor.throughput() * items, unit, floor.p99Ms(), unit, micros(perItem.client()),
				micros(perItem.postgres()))
				+ (floor.errors() > 0 ? ", " + floor.errors() + " errors, the first: " + floor.firstError()
						: ", 0 errors");
	}

	private static String micros(Double value) {
		return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
	}

	private static String range(LoadAverage.Stats stats) {
		return stats == null ? "-"
				: String.format(Locale.ROOT, "%.2f-%.2f (mean %.2f)", stats.min(), stats.max(), stats.mean());
	}

	private static String number(Double value) {
		return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
	}

}
