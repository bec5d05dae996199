package io.omnis.fulfilment.internal;

import java.util.Arrays;
import java.util.List;

/**
 * The candidates of one decision in the order routing prefers them: cheaper to ship from
 * first, then the preferred kind of location, then the nearer, then by id. Sorted once,
 * so that every later comparison is between two ints.
 */
final class Preference {

	private final int[] position;

	private final int[] byPosition;

	Preference(List<Planner.Candidate> candidates) {
		int m = candidates.size();
		Planner.Candidate[] all = candidates.toArray(Planner.Candidate[]::new);
		Integer[] order = new Integer[m];
		for (int c = 0; c < m; c++) {
			order[c] = c;
		}
		Arrays.sort(order, (a, b) -> compare(all[a], all[b]));
		this.position = new int[m];
		this.byPosition = new int[m];
		for (int p = 0; p < m; p++) {
			byPosition[p] = order[p];
			position[order[p]] = p;
		}
	}

	private static int compare(Planner.Candidate x, Planner.Candidate y) {
		int order = Long.compare(x.effectiveCost(), y.effectiveCost());
		if (order == 0) {
			order = Integer.compare(x.rank(), y.rank());
		}
		if (order == 0) {
			order = Double.compare(x.distanceOrFar(), y.distanceOrFar());
		}
		return order != 0 ? order : x.id().compareTo(y.id());
	}

	/** Where candidate {@code c} stands, 0 for the most preferred. */
	int of(int c) {
		return position[c];
	}

	/** The candidate standing at {@code p}. */
	int at(int p) {
		return byPosition[p];
	}

	int size() {
		return position.length;
	}

	/**
	 * Candidates packed into sort keys: the low 31 bits of each key are a position, the
	 * bits above say what comes first; sorted in place, the keys are read back as
	 * candidates.
	 */
	void sortKeyed(long[] keys, int length, int[] into) {
		Arrays.sort(keys, 0, length);
		for (int k = 0; k < length; k++) {
			into[k] = byPosition[(int) (keys[k] & Integer.MAX_VALUE)];
		}
	}

}
