package io.omnis.fulfilment.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.omnis.fulfilment.Explanation;

/**
 * Writes down why a plan was chosen: each plan weighed and why it lost, the
 * {@value #CONSIDERED} locations that mattered most (those of the chosen plan first, then
 * those serving the most lines whole), and a one-sentence summary.
 */
final class Explainer {

	static final int CONSIDERED = 15;

	private final List<Planner.Candidate> candidates;

	private final Preference preference;

	private final long[] cover;

	private final int lines;

	private final long penalty;

	Explainer(List<Planner.Candidate> candidates, Preference preference, long[] cover, int lines, long penalty) {
		this.candidates = candidates;
		this.preference = preference;
		this.cover = cover;
		this.lines = lines;
		this.penalty = penalty;
	}

	Explanation explain(List<Plan> plans, Plan best, Map<String, Integer> excluded, List<String> splits, int parcels) {
		List<Explanation.Option> weighed = new ArrayList<>(plans.size());
		for (Plan plan : plans) {
			String ids = plan.ids();
			weighed.add(new Explanation.Option(plan.name, ids.isEmpty() ? List.of() : List.of(ids.split(",")),
					plan.parcels(), plan.shipping, plan.score, plan == best ? "chosen" : lostBecause(plan, best)));
		}
		return new Explanation(summary(best, plans, splits, parcels), weighed, considered(best), Map.copyOf(excluded),
				splits);
	}

	private List<Explanation.Considered> considered(Plan best) {
		long[] keys = new long[candidates.size()];
		int size = 0;
		for (int c = 0; c < candidates.size(); c++) {
			if (cover[c] != 0) {
				long chosen = best.uses(c) ? 0 : 1;
				keys[size++] = (chosen << 40) | ((long) (64 - Long.bitCount(cover[c])) << 32) | preference.of(c);
			}
		}
		int[] ranked = new int[size];
		preference.sortKeyed(keys, size, ranked);
		List<Explanation.Considered> considered = new ArrayList<>(Math.min(CONSIDERED, size));
		for (int k = 0; k < Math.min(CONSIDERED, size); k++) {
			Planner.Candidate candidate = candidates.get(ranked[k]);
			int whole = Long.bitCount(cover[ranked[k]]);
			String note = best.uses(ranked[k]) ? "in the chosen plan"
					: "could serve " + whole + " of " + lines + " lines whole; not in the plan with the lowest score";
			considered.add(new Explanation.Considered(candidate.id().value(), candidate.name(), candidate.type().name(),
					candidate.distanceKm(), candidate.effectiveCost(), whole, note));
		}
		return considered;
	}

	private String summary(Plan best, List<Plan> plans, List<String> splits, int parcels) {
		StringBuilder text = new StringBuilder();
		if (best.parcels() == 0) {
			text.append("Every line had to be split");
		}
		else {
			text.append("Chose ")
				.append(best.name)
				.append(" (")
				.append(best.parcels())
				.append(" parcel")
				.append(best.parcels() == 1 ? "" : "s")
				.append(", shipping ")
				.append(best.shipping)
				.append(", score ")
				.append(best.score)
				.append(")");
			boolean singleExists = false;
			for (Plan plan : plans) {
				singleExists |= plan.parcels() == 1;
			}
			if (best.parcels() == 1) {
				text.append(": one location serves every line whole");
			}
			else if (singleExists) {
				text.append(": cheaper than the best single location by more than the parcel penalty of ")
					.append(penalty)
					.append(" per extra parcel");
			}
			else {
				text.append(": no single location can serve every line whole");
			}
		}
		if (!splits.isEmpty()) {
			text.append("; ")
				.append(splits.size())
				.append(" line(s) split across locations, ")
				.append(parcels)
				.append(" parcels in all");
		}
		return text.append('.').toString();
	}

	private static String lostBecause(Plan plan, Plan best) {
		if (plan.score > best.score) {
			return "lost: score " + plan.score + " is higher than " + best.score;
		}
		if (plan.parcels() > best.parcels()) {
			return "lost: same score, more parcels";
		}
		if (plan.rank > best.rank) {
			return "lost: same score and parcels, less preferred kind of location";
		}
		return "lost: same score, parcels and preference, farther away";
	}

}
