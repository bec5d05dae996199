package io.omnis.fulfilment.internal;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One way of placing the lines a location can serve whole: the locations used (in order
 * of preference), the location of each line, and what the plan costs. Plans compare by
 * score, then parcels, then the summed rank and distance of their locations, then their
 * sorted ids.
 */
final class Plan {

	static final Plan NOTHING_WHOLE = new Plan("nothing to place whole", new int[0], new int[0], 0, 0, 0, 0, List.of());

	final String name;

	/** The locations used, most preferred first. */
	final int[] set;

	/** The location of each line placed whole. */
	final int[] at;

	final long shipping;

	final long score;

	final int rank;

	final double distance;

	private final List<Planner.Candidate> candidates;

	private @Nullable String ids;

	Plan(String name, int[] set, int[] at, long shipping, long score, int rank, double distance,
			List<Planner.Candidate> candidates) {
		this.name = name;
		this.set = set;
		this.at = at;
		this.shipping = shipping;
		this.score = score;
		this.rank = rank;
		this.distance = distance;
		this.candidates = candidates;
	}

	int parcels() {
		return set.length;
	}

	boolean uses(int c) {
		for (int s : set) {
			if (s == c) {
				return true;
			}
		}
		return false;
	}

	/** The same locations as {@code other}, whatever their order. */
	boolean sameLocations(Plan other) {
		if (set.length != other.set.length) {
			return false;
		}
		int[] a = set.clone();
		int[] b = other.set.clone();
		Arrays.sort(a);
		Arrays.sort(b);
		return Arrays.equals(a, b);
	}

	/** The ids of its locations, sorted and joined by commas ("" for none). */
	String ids() {
		String joined = ids;
		if (joined == null) {
			String[] values = new String[set.length];
			for (int k = 0; k < set.length; k++) {
				values[k] = candidates.get(set[k]).id().value();
			}
			Arrays.sort(values);
			joined = String.join(",", values);
			ids = joined;
		}
		return joined;
	}

	int compareTo(Plan other) {
		int order = Long.compare(score, other.score);
		if (order == 0) {
			order = Integer.compare(parcels(), other.parcels());
		}
		if (order == 0) {
			order = Integer.compare(rank, other.rank);
		}
		if (order == 0) {
			order = Double.compare(distance, other.distance);
		}
		return order != 0 ? order : ids().compareTo(other.ids());
	}

}
