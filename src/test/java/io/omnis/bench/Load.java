package io.omnis.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed loop: a fixed number of workers on virtual threads, each running one operation
 * after the other, until either the operation count or the wall time is used up.
 * <p>
 * Latencies go into one preallocated array of nanoseconds, exact at these counts.
 */
final class Load {

	/**
	 * Grace for operations still in flight at the deadline (each has its own timeout).
	 */
	private static final Duration GRACE = Duration.ofSeconds(30);

	private Load() {
	}

	static Measurement run(int concurrency, int maxOps, Duration maxTime, AtomicLong sequence, Workers workers,
			CpuMeter cpu) throws InterruptedException {
		long[] latencies = new long[maxOps];
		AtomicInteger claimed = new AtomicInteger();
		LongAdder errors = new LongAdder();
		AtomicReference<String> firstError = new AtomicReference<>();
		CountDownLatch ready = new CountDownLatch(concurrency);
		CountDownLatch go = new CountDownLatch(1);
		long[] start = new long[1];
		ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
		for (int i = 0; i < concurrency; i++) {
			int index = i;
			threads.execute(() -> {
				boolean opened = false;
				try (Worker worker = workers.open(index)) {
					opened = true;
					ready.countDown();
					go.await();
					long deadline = start[0] + maxTime.toNanos();
					while (System.nanoTime() < deadline) {
						int op = claimed.getAndIncrement();
						if (op >= maxOps) {
							break;
						}
						long began = System.nanoTime();
						try {
							worker.run(sequence.getAndIncrement());
							latencies[op] = System.nanoTime() - began;
						}
						catch (InterruptedException ex) {
							throw ex;
						}
						catch (Exception ex) {
							latencies[op] = -1;
							errors.increment();
							firstError.compareAndSet(null, describe(ex));
						}
					}
				}
				catch (Exception ex) {
					errors.increment();
					firstError.compareAndSet(null, describe(ex));
				}
				finally {
					if (!opened) {
						ready.countDown(); // a worker that could not open must not hold
											// the others
					}
				}
			});
		}
		ready.await();
		CpuMeter.Snapshot before = cpu.snapshot();
		start[0] = System.nanoTime();
		go.countDown();
		threads.shutdown();
		if (!threads.awaitTermination(maxTime.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
			threads.shutdownNow();
			firstError.compareAndSet(null, "operations still running " + GRACE.toSeconds() + " s after the deadline");
		}
		long elapsed = System.nanoTime() - start[0];
		Measurement.Cpu used = cpu.since(before);
		int ran = Math.min(claimed.get(), maxOps);
		List<Long> ok = new ArrayList<>(ran);
		for (int i = 0; i < ran; i++) {
			if (latencies[i] > 0) {
				ok.add(latencies[i]);
			}
		}
		return Measurement.of(ok.stream().mapToLong(Long::longValue).toArray(), elapsed, errors.sum(), firstError.get(),
				used);
	}

	private static String describe(Exception ex) {
		String message = ex.getMessage() == null ? "" : ": " + ex.getMessage();
		return ex.getClass().getSimpleName() + message;
	}

	/** One operation of a worker. */
	interface Worker extends AutoCloseable {

		void run(long n) throws Exception;

		@Override
		default void close() throws Exception {
		}

	}

	/** Opens the worker with the given index (and, say, its own JDBC connection). */
	interface Workers {

		Worker open(int index) throws Exception;

	}

}
