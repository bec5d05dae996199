package io.omnis.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;

import io.omnis.bench.Measurement.Cpu;

/**
 * Reads the CPU time used by the load generator (this JVM), by Omnis (its process, when
 * it runs in one of its own) and by PostgreSQL (the postmaster and its backends), so that
 * a row can say which of them was busy and whether the client itself was the bottleneck.
 */
final class CpuMeter {

	private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	private final Optional<ProcessHandle> omnis;

	private final Optional<ProcessHandle> postgres;

	CpuMeter(Optional<ProcessHandle> omnis, Optional<ProcessHandle> postgres) {
		this.omnis = omnis;
		this.postgres = postgres;
	}

	Snapshot snapshot() {
		return new Snapshot(System.nanoTime(), os.getProcessCpuTime(), omnis.map(CpuMeter::cpuNanos).orElse(-1L),
				postgres.map(p -> Stream.concat(Stream.of(p), p.descendants()).mapToLong(CpuMeter::cpuNanos).sum())
					.orElse(-1L));
	}

	Cpu since(Snapshot start) {
		Snapshot end = snapshot();
		double wall = end.wall - start.wall;
		return new Cpu(cores(start.client, end.client, wall), cores(start.omnis, end.omnis, wall),
				cores(start.postgres, end.postgres, wall));
	}

	private static Double cores(long from, long to, double wall) {
		return from < 0 || to < 0 || wall <= 0 ? null : Measurement.round((to - from) / wall);
	}

	private static long cpuNanos(ProcessHandle process) {
		return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	record Snapshot(long wall, long client, long omnis, long postgres) {
	}

}
