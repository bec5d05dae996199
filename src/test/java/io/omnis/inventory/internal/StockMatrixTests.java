package io.omnis.inventory.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.omnis.inventory.NetworkStock;
import io.omnis.inventory.Sku;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matrix a network stock read fills: locations numbered on first sight whatever the
 * order of the rows, kept across the growth past its first 64 columns, a SKU without rows
 * not stocked, a location without a row for a SKU at 0.
 */
class StockMatrixTests {

	@Test
	void rowsInAnyOrderLandInTheirSkuAndLocationPastTheFirstSixtyFourLocations() {
		StockMatrix matrix = new StockMatrix(3);
		for (int location = 0; location < 300; location++) {
			matrix.add("loc-" + location, 0, location + 1);
		}
		for (int location = 299; location >= 0; location -= 2) {
			matrix.add("loc-" + location, 1, 1000 + location);
		}
		matrix.version("300:42");

		NetworkStock stock = matrix.stock(List.of(new Sku("A"), new Sku("B"), new Sku("C")));

		assertThat(stock.locations()).isEqualTo(300);
		assertThat(stock.locationsVersion()).isEqualTo("300:42");
		for (int k = 0; k < 300; k++) {
			int location = Integer.parseInt(stock.locationId(k).substring(4));
			assertThat(location).isEqualTo(k);
			assertThat(stock.available(0, k)).isEqualTo(location + 1);
			assertThat(stock.available(1, k)).isEqualTo(location % 2 == 1 ? 1000 + location : 0);
			assertThat(stock.available(2, k)).isZero();
		}
		assertThat(stock.stocked(0)).isTrue();
		assertThat(stock.stocked(1)).isTrue();
		assertThat(stock.stocked(2)).isFalse();
	}

	@Test
	void rowsInKeyOrderWithLocationsMissingHereAndThereLandWhereTheyBelong() {
		// The order a stock read gives (each SKU's locations sorted), with seeded gaps
		// and the first SKU missing some locations that later ones have
		java.util.SplittableRandom random = new java.util.SplittableRandom(42);
		int skus = 10;
		int locations = 300;
		int[][] expected = new int[skus][locations];
		StockMatrix matrix = new StockMatrix(skus);
		for (int sku = 0; sku < skus; sku++) {
			for (int location = 0; location < locations; location++) {
				if (random.nextInt(5) > 0) {
					expected[sku][location] = 1 + random.nextInt(1000);
					matrix.add("loc-%03d".formatted(location), sku, expected[sku][location]);
				}
			}
		}

		NetworkStock stock = matrix
			.stock(java.util.stream.IntStream.range(0, skus).mapToObj(n -> new Sku("S" + n)).toList());

		assertThat(stock.locations()).isEqualTo(locations);
		for (int k = 0; k < locations; k++) {
			int location = Integer.parseInt(stock.locationId(k).substring(4));
			for (int sku = 0; sku < skus; sku++) {
				assertThat(stock.available(sku, k)).as("SKU %d at loc-%03d", sku, location)
					.isEqualTo(expected[sku][location]);
			}
		}
	}

	@Test
	void idsWhoseHashesCollideAreStillTwoLocations() {
		// "Aa" and "BB" hash alike; so do their concatenations
		StockMatrix matrix = new StockMatrix(1);
		List<String> ids = List.of("AaAa", "AaBB", "BBAa", "BBBB");
		for (int round = 0; round < 3; round++) {
			for (int k = 0; k < ids.size(); k++) {
				matrix.add(ids.get(k).getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, 10 * round + k);
			}
		}

		NetworkStock stock = matrix.stock(List.of(new Sku("A")));

		assertThat(stock.locations()).isEqualTo(4);
		for (int k = 0; k < ids.size(); k++) {
			assertThat(stock.locationId(k)).isEqualTo(ids.get(k));
			assertThat(stock.available(0, k)).isEqualTo(20 + k);
		}
	}

	@Test
	void aSkuMarkedStockedWithoutRowsHasNothingAvailableAnywhere() {
		StockMatrix matrix = new StockMatrix(2);
		matrix.add("loc-b", 1, 5);
		matrix.stocked(0, true);

		NetworkStock stock = matrix.stock(List.of(new Sku("A"), new Sku("B")));

		assertThat(stock.locations()).isEqualTo(1);
		assertThat(stock.stocked(0)).isTrue();
		assertThat(stock.available(0, 0)).isZero();
		assertThat(stock.available(1, 0)).isEqualTo(5);
		assertThat(stock.locationsVersion()).isEmpty();
	}

	@Test
	void totalsSumEveryLocationAndOnlyLocationsHoldingEveryQuantityFillTheCart() {
		StockMatrix matrix = new StockMatrix(2);
		matrix.add("loc-c", 0, 3);
		matrix.add("loc-a", 0, 2);
		matrix.add("loc-b", 0, 1);
		matrix.add("loc-c", 1, 5);
		matrix.add("loc-a", 1, 4);
		// loc-b has no row for the second SKU, loc-d none for the first
		matrix.add("loc-d", 1, 9);

		assertThat(matrix.totals()).containsExactly(6, 18);
		assertThat(matrix.filling(new int[] { 2, 4 })).containsExactly("loc-a", "loc-c");
		assertThat(matrix.filling(new int[] { 3, 5 })).containsExactly("loc-c");
		assertThat(matrix.filling(new int[] { 4, 1 })).isEmpty();
		assertThat(matrix.filling(new int[] { 0, 0 })).as("a quantity under 1 still needs a unit")
			.containsExactly("loc-a", "loc-c");
	}

}
