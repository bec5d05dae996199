package io.omnis.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's CPU per item: cores over the rate, in microseconds.
 */
class MeasurementTests {

	@Test
	void cpuPerItemIsCoresOverTheRateInMicroseconds() {
		Measurement.Cpu cpu = new Measurement.Cpu(0.1, 0.64, 1.085);

		Measurement.Cpu perItem = cpu.perItemMicros(20_000);

		assertThat(perItem.client()).isEqualTo(5.0);
		assertThat(perItem.omnis()).isEqualTo(32.0);
		assertThat(perItem.postgres()).isEqualTo(54.25);
	}

	@Test
	void anUnmeasuredProcessOrNoRateHasNoFigure() {
		assertThat(new Measurement.Cpu(0.2, null, 1.5).perItemMicros(1_000).omnis()).isNull();
		assertThat(new Measurement.Cpu(0.2, 0.5, 1.5).perItemMicros(0).postgres()).isNull();
	}

}
