package io.omnis.fulfilment.internal;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.omnis.fulfilment.Assignment;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.LocationType;
import io.omnis.inventory.Sku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The planner's hand-computed corner cases, where the int-keyed preference order and the
 * bit masks could hide a bug: ties broken by id whatever the order the candidates come
 * in, a location with no stock at all, a SKU with stock nowhere, capacity running out in
 * the middle of an order, and a line split by the most units first.
 */
class PlannerCasesTests {

	static final long PENALTY = 500;

	static LocationId id(int n) {
		return new LocationId(String.format("loc_0%025d", n));
	}

	static Planner.Candidate candidate(int n, long cost, @Nullable Double distance, int linesLeft) {
		return new Planner.Candidate(id(n), "L" + n, LocationType.STORE, distance, cost, 0, linesLeft, false);
	}

	static List<Planner.Need> needs(int... quantities) {
		Planner.Need[] needs = new Planner.Need[quantities.length];
		for (int i = 0; i < quantities.length; i++) {
			needs[i] = new Planner.Need(i, new Sku("SKU-" + i), quantities[i]);
		}
		return List.of(needs);
	}

	@Test
	void locationsAlikeInCostKindAndDistanceAreTakenByIdWhateverTheOrderTheyComeIn() {
		List<Planner.Candidate> candidates = List.of(candidate(3, 400, 5.0, 100), candidate(1, 400, 5.0, 100),
				candidate(2, 400, 5.0, 100));
		int[][] available = { { 1, 1, 1 }, { 1, 1, 1 } };

		Planner.Result result = new Planner(needs(1, 1), candidates, available, PENALTY).plan(Map.of());

		assertThat(result.assignments()).extracting(Assignment::locationId).containsExactly(id(1), id(1));
		assertThat(result.explanation().considered()).extracting(c -> c.locationId())
			.containsExactly(id(1).value(), id(2).value(), id(3).value());
	}

	@Test
	void anUnknownDistanceCountsAsFarAndANearerLocationWinsATieOnCost() {
		List<Planner.Candidate> candidates = List.of(candidate(1, 400, null, 100), candidate(2, 400, 9.0, 100));
		int[][] available = { { 1, 1 } };

		Planner.Result result = new Planner(needs(1), candidates, available, PENALTY).plan(Map.of());

		assertThat(result.assignments()).extracting(Assignment::locationId).containsExactly(id(2));
	}

	@Test
	void aLocationWithNoStockIsNeitherChosenNorConsidered() {
		List<Planner.Candidate> candidates = List.of(candidate(1, 0, 1.0, 100), candidate(2, 700, 9.0, 100));
		int[][] available = { { 0, 2 }, { 0, 2 } };

		Planner.Result result = new Planner(needs(1, 1), candidates, available, PENALTY).plan(Map.of());

		assertThat(result.assignments()).extracting(Assignment::locationId).containsExactly(id(2), id(2));
		assertThat(result.explanation().considered()).extracting(c -> c.locationId()).containsExactly(id(2).value());
		assertThat(result.shippingCost()).isEqualTo(700);
	}

	@Test
	void aSkuWithStockNowhereIsUnservableWithNothingAvailable() {
		List<Planner.Candidate> candidates = List.of(candidate(1, 400, 1.0, 100), candidate(2, 400, 2.0, 100));
		int[][] available = { { 3, 3 }, { 0, 0 } };

		assertThatThrownBy(() -> new Planner(needs(1, 1), candidates, available, PENALTY).plan(Map.of()))
			.isInstanceOfSatisfying(Planner.Unservable.class, ex -> {
				assertThat(ex.index()).isEqualTo(1);
				assertThat(ex.available()).isZero();
			});
	}

	@Test
	void whenTheCheapestLocationRunsOutOfLinesMidOrderTheLastLineGoesToTheNext() {
		// loc 1 has all three lines but room for two; loc 2 has only the third line
		List<Planner.Candidate> candidates = List.of(candidate(1, 400, 1.0, 2), candidate(2, 400, 1.0, 100));
		int[][] available = { { 1, 0 }, { 1, 0 }, { 1, 1 } };

		Planner.Result result = new Planner(needs(1, 1, 1), candidates, available, PENALTY).plan(Map.of());

		assertThat(result.assignments()).extracting(Assignment::locationId).containsExactly(id(1), id(1), id(2));
		assertThat(result.parcels()).isEqualTo(2);
		assertThat(result.shippingCost()).isEqualTo(800);
		assertThat(result.score()).isEqualTo(800 + PENALTY);
		assertThat(result.explanation().summary())
			.isEqualTo("Chose greedy cover (2 parcels, shipping 800, score 1300): no single location can serve "
					+ "every line whole.");
	}

	@Test
	void aLineNoLocationHasWholeIsSplitTakingTheMostUnitsFirst() {
		List<Planner.Candidate> candidates = List.of(candidate(1, 400, 1.0, 100), candidate(2, 400, 2.0, 100),
				candidate(3, 400, 3.0, 100));
		int[][] available = { { 3, 4, 2 } };

		Planner.Result result = new Planner(needs(5), candidates, available, PENALTY).plan(Map.of());

		assertThat(result.assignments()).containsExactly(new Assignment(0, new Sku("SKU-0"), 1, id(1)),
				new Assignment(0, new Sku("SKU-0"), 4, id(2)));
		assertThat(result.explanation().splits()).containsExactly("Line 0 (5 × SKU-0) is split: no single location "
				+ "can serve all of it; 4 from " + id(2) + ", 1 from " + id(1));
		assertThat(result.explanation().summary())
			.isEqualTo("Every line had to be split; 1 line(s) split across locations, 2 parcels in all.");
		assertThat(result.score()).isEqualTo(800 + PENALTY);
	}

}
