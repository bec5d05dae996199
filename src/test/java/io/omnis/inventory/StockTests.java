package io.omnis.inventory;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a channel may sell: the units no channel holds plus its own, never more than the
 * free units, never below zero.
 */
class StockTests {

	@ParameterizedTest(name = "on hand {0}, reserved {1}, safety {2}, allocated {3}, own {4}: free {5}, to channel {6}")
	@CsvSource(textBlock = """
			10, 0, 0, 0, 0, 10, 10
			10, 2, 1, 0, 0,  7,  7
			10, 0, 0, 4, 0, 10,  6
			10, 0, 0, 4, 4, 10, 10
			10, 6, 0, 4, 0,  4,  0
			10, 6, 0, 4, 4,  4,  4
			 3, 0, 0, 5, 5,  3,  3
			 3, 0, 5, 0, 0,  0,  0
			""")
	void availabilityNeverCountsAnotherChannelsUnitsNorGoesNegative(int onHand, int reserved, int safety, int allocated,
			int own, int free, int toChannel) {
		Stock stock = new Stock(new Sku("TEE-M"), LocationId.next(), onHand, reserved, safety, allocated,
				Instant.EPOCH);

		assertThat(stock.free()).isEqualTo(free);
		assertThat(stock.availableTo(own)).isEqualTo(toChannel);
	}

}
