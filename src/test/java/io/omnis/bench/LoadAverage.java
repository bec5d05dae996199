package io.omnis.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Samples the machine's one-minute load average from {@code /proc/loadavg} every second,
 * so that a row measured on a busy machine says so. Elsewhere than on Linux it samples
 * nothing.
 */
final class LoadAverage implements AutoCloseable {

	private static final Path PROC = Path.of("/proc/loadavg");

	private final List<Sample> samples = new CopyOnWriteArrayList<>();

	private final Thread sampler;

	private LoadAverage() {
		this.sampler = Thread.ofPlatform().daemon().name("bench-loadavg").start(this::sample);
	}

	static LoadAverage start() {
		return new LoadAverage();
	}

	static Double now() {
		try {
			return Double.parseDouble(Files.readString(PROC).split(" ", 2)[0]);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/** The samples taken between the two instants (epoch milliseconds). */
	Stats between(long from, long to) {
		double min = Double.MAX_VALUE;
		double max = 0;
		double sum = 0;
		int count = 0;
		for (Sample sample : samples) {
			if (sample.at() >= from && sample.at() <= to) {
				min = Math.min(min, sample.load1());
				max = Math.max(max, sample.load1());
				sum += sample.load1();
				count++;
			}
		}
		return count == 0 ? null : new Stats(min, max, Measurement.round(sum / count), count);
	}

	List<Sample> samples() {
		return List.copyOf(samples);
	}

	private void sample() {
		while (!Thread.currentThread().isInterrupted()) {
			Double load = now();
			if (load == null) {
				return;
			}
			samples.add(new Sample(System.currentTimeMillis(), load));
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	@Override
	public void close() {
		sampler.interrupt();
	}

	record Sample(long at, double load1) {
	}

	record Stats(double min, double max, double mean, int samples) {
	}

}
