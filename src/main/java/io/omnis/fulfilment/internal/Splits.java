package io.omnis.fulfilment.internal;

import java.util.List;

import io.omnis.fulfilment.Assignment;

/**
 * Splits a line no single location can serve whole across locations: first those already
 * sending a parcel (no new parcel), then those with the most units, then by preference;
 * each piece takes one of the location's lines of capacity.
 */
final class Splits {

	private final List<Planner.Need> needs;

	private final List<Planner.Candidate> candidates;

	private final int[][] available;

	private final Preference preference;

	Splits(List<Planner.Need> needs, List<Planner.Candidate> candidates, int[][] available, Preference preference) {
		this.needs = needs;
		this.candidates = candidates;
		this.available = available;
		this.preference = preference;
	}

	/**
	 * Adds line {@code i}'s pieces to {@code assignments} and its note to {@code splits}.
	 * @param used lines each location takes so far (updated)
	 * @param serving whether each location sends a parcel (updated)
	 * @throws Planner.Unservable when the locations with room cannot make up the quantity
	 */
	void split(int i, Plan best, int[] used, boolean[] serving, List<Assignment> assignments, List<String> splits) {
		Planner.Need need = needs.get(i);
		int[] units = available[i];
		long[] keys = new long[candidates.size()];
		int size = 0;
		for (int c = 0; c < candidates.size(); c++) {
			if (units[c] > 0) {
				long fresh = best.uses(c) || used[c] > 0 || candidates.get(c).paid() ? 0 : 1;
				keys[size++] = (fresh << 62) | ((long) (Integer.MAX_VALUE - units[c]) << 31) | preference.of(c);
			}
		}
		int[] order = new int[size];
		preference.sortKeyed(keys, size, order);
		StringBuilder note = new StringBuilder().append("Line ")
			.append(need.lineNo())
			.append(" (")
			.append(need.quantity())
			.append(" × ")
			.append(need.sku())
			.append(") is split: no single location can serve all of it; ");
		int left = need.quantity();
		boolean first = true;
		for (int c : order) {
			if (left == 0) {
				break;
			}
			if (used[c] >= candidates.get(c).linesLeft()) {
				continue;
			}
			int take = Math.min(left, units[c]);
			assignments.add(new Assignment(need.lineNo(), need.sku(), take, candidates.get(c).id()));
			note.append(first ? "" : ", ").append(take).append(" from ").append(candidates.get(c).id());
			first = false;
			used[c]++;
			serving[c] = true;
			left -= take;
		}
		if (left > 0) {
			throw new Planner.Unservable(i, need.quantity() - left);
		}
		splits.add(note.toString());
	}

}
