package io.omnis.bench;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's PostgreSQL CPU figure keeps the time of backends that exited during the
 * measurement: a parent whose busy child has exited still counts that child's time.
 */
@EnabledOnOs(OS.LINUX)
class CpuMeterTests {

	@Test
	void aChildThatExitedStillCountsInItsParentsTime() throws Exception {
		// A shell whose child burns CPU for a moment and exits; the shell waits for it,
		// then sleeps
		Process shell = new ProcessBuilder("bash", "-c",
				"(i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done); sleep 30")
			.start();
		try {
			CpuMeter meter = new CpuMeter(Optional.empty(), Optional.of(shell.toHandle()));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (CpuMeter.reapedChildrenNanos(shell.toHandle()) == 0 && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			long reaped = CpuMeter.reapedChildrenNanos(shell.toHandle());
			assertThat(reaped).as("the exited child's CPU time").isGreaterThanOrEqualTo(100_000_000L);
			assertThat(shell.toHandle().descendants().count()).as("only the sleep is left").isLessThanOrEqualTo(1);
			assertThat(meter.snapshot().postgres()).isGreaterThanOrEqualTo(reaped);
		}
		finally {
			shell.destroyForcibly();
		}
	}

}
