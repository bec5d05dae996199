package io.omnis.fulfilment.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.omnis.fulfilment.Assignment;
import io.omnis.fulfilment.Explanation;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.LocationType;
import io.omnis.inventory.Sku;

/**
 * Chooses the locations that serve a request, in memory, from the candidates and their
 * stock. Plans are compared by score = shipping cost + parcel penalty × (parcels − 1), so
 * fewer parcels win until a plan with more is cheaper by more than the penalty; equal
 * scores go to fewer parcels, then the preferred kind of location, then the nearer. A
 * line is split across locations only when no single candidate can serve all of it.
 * <p>
 * The {@link Plans} weighed are built on bit masks of lines (at most 64) and the
 * candidates' {@link Preference} order, so that a decision over hundreds of locations
 * compares ints, not candidates.
 */
public final class Planner {

	private final List<Need> needs;

	private final List<Candidate> candidates;

	private final int[][] available;

	private final long penalty;

	private final boolean rerouting;

	/**
	 * @param available units each candidate (column) can give each need (row)
	 */
	public Planner(List<Need> needs, List<Candidate> candidates, int[][] available, long penalty) {
		if (needs.size() > 64) {
			throw new IllegalArgumentException("At most 64 lines");
		}
		this.needs = needs;
		this.candidates = candidates;
		this.available = available;
		this.penalty = penalty;
		boolean anyPaid = false;
		for (Candidate candidate : candidates) {
			anyPaid |= candidate.paid();
		}
		this.rerouting = anyPaid;
	}

	public Result plan(Map<String, Integer> excluded) {
		int n = needs.size();
		int m = candidates.size();
		long[] cover = new long[m];
		long whole = 0;
		int[] splitLines = new int[n];
		int splitCount = 0;
		for (int i = 0; i < n; i++) {
			int quantity = needs.get(i).quantity();
			int[] units = available[i];
			long bit = 1L << i;
			boolean any = false;
			long total = 0;
			for (int c = 0; c < m; c++) {
				total += units[c];
				if (units[c] >= quantity && candidates.get(c).linesLeft() > 0) {
					cover[c] |= bit;
					any = true;
				}
			}
			if (any) {
				whole |= bit;
			}
			else if (total >= quantity) {
				splitLines[splitCount++] = i;
			}
			else {
				throw new Unservable(i, (int) Math.min(Integer.MAX_VALUE, total));
			}
		}
		Preference preference = new Preference(candidates);
		List<Plan> plans = whole == 0 ? List.of(Plan.NOTHING_WHOLE)
				: new Plans(n, candidates, preference, cover, whole, penalty, rerouting).weighed();
		if (plans.isEmpty()) {
			throw new Unservable(Long.numberOfTrailingZeros(whole), 0);
		}
		Plan best = plans.get(0);
		for (Plan plan : plans) {
			if (plan.compareTo(best) < 0) {
				best = plan;
			}
		}
		int[] used = new int[m];
		List<Assignment> assignments = new ArrayList<>(n);
		boolean[] serving = new boolean[m];
		for (int i = 0; i < n; i++) {
			if ((whole & (1L << i)) != 0) {
				int c = best.at[i];
				used[c]++;
				serving[c] = true;
				Need need = needs.get(i);
				assignments.add(new Assignment(need.lineNo(), need.sku(), need.quantity(), candidates.get(c).id()));
			}
		}
		List<String> splits = new ArrayList<>(0);
		for (int k = 0; k < splitCount; k++) {
			new Splits(needs, candidates, available, preference).split(splitLines[k], best, used, serving, assignments,
					splits);
		}
		assignments.sort(Planner::byLineThenLocation);
		long shipping = 0;
		int fresh = 0;
		int parcels = 0;
		for (int c = 0; c < m; c++) {
			if (serving[c]) {
				parcels++;
				if (!candidates.get(c).paid()) {
					shipping += candidates.get(c).cost();
					fresh++;
				}
			}
		}
		long score = shipping + penalty * Math.max(0, fresh - (rerouting ? 0 : 1));
		Explanation explanation = new Explainer(candidates, preference, cover, n, penalty).explain(plans, best,
				excluded, splits, parcels);
		return new Result(assignments, parcels, shipping, score, explanation);
	}

	private static int byLineThenLocation(Assignment a, Assignment b) {
		int order = Integer.compare(a.lineNo(), b.lineNo());
		return order != 0 ? order : a.locationId().compareTo(b.locationId());
	}

	/**
	 * A location routing may use.
	 *
	 * @param cost the zone cost of a parcel from it to the destination
	 * @param rank its preference, lower first
	 * @param linesLeft lines it can still take today
	 * @param paid already serving the request (re-routing): no new parcel, no new cost
	 */
	public record Candidate(LocationId id, String name, LocationType type, @Nullable Double distanceKm, long cost,
			int rank, int linesLeft, boolean paid) {

		long effectiveCost() {
			return paid ? 0 : cost;
		}

		double distanceOrFar() {
			return distanceKm == null ? 1e9 : distanceKm;
		}

	}

	/** A request line to place. */
	public record Need(int lineNo, Sku sku, int quantity) {
	}

	/** The assignments, their cost and why. */
	public record Result(List<Assignment> assignments, int parcels, long shippingCost, long score,
			Explanation explanation) {
	}

	/** No plan can serve need {@code index}: only {@code available} units can be had. */
	public static final class Unservable extends RuntimeException {

		private final int index;

		private final int available;

		Unservable(int index, int available) {
			super("Line " + index + " cannot be served", null, false, false);
			this.index = index;
			this.available = available;
		}

		public int index() {
			return index;
		}

		public int available() {
			return available;
		}

	}

}
