package io.omnis.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;

import io.omnis.bench.Measurement.Cpu;

/**
 * Reads the CPU time used by the load generator (this JVM), by Omnis (its process, when
 * it runs in one of its own) and by PostgreSQL (the postmaster and its backends), so that
 * a row can say which of them was busy and whether the client itself was the bottleneck.
 * A backend that exits during a measurement (a connection closed by its pool) takes its
 * CPU time out of the live processes' sum; the kernel adds it to the postmaster's
 * children's time when the postmaster reaps it, so that is counted too.
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
				postgres
					.map(p -> Stream.concat(Stream.of(p), p.descendants()).mapToLong(CpuMeter::cpuNanos).sum()
							+ reapedChildrenNanos(p))
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

	/**
	 * The CPU time of the process's children that have exited and been waited for: fields
	 * 16 and 17 ({@code cutime}, {@code cstime}) of {@code /proc/<pid>/stat}, in clock
	 * ticks of 1/100 s (Linux's {@code USER_HZ}); 0 where there is no such file.
	 */
	static long reapedChildrenNanos(ProcessHandle process) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
			// after the command's name in parentheses, the fields from the third on
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
			long ticks = Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3]);
			return ticks * 10_000_000L;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	record Snapshot(long wall, long client, long omnis, long postgres) {
	}

}
