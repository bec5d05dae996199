package io.omnis.fulfilment.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The plans weighed for the lines some location can serve whole: the best single
 * location, the best pair among the {@value #PAIR_POOL} locations covering the most
 * lines, a greedy cover, and each line at its most preferred location. Lines are bits of
 * a mask; locations are indices into the candidates, compared through their
 * {@link Preference}.
 */
final class Plans {

	static final int PAIR_POOL = 30;

	private final int lines;

	private final List<Planner.Candidate> candidates;

	private final Preference preference;

	private final long[] cover;

	private final long whole;

	private final long penalty;

	private final boolean rerouting;

	/**
	 * @param lines how many lines the request has
	 * @param cover per candidate, the lines it can serve whole
	 * @param whole the lines some candidate can serve whole
	 */
	Plans(int lines, List<Planner.Candidate> candidates, Preference preference, long[] cover, long whole, long penalty,
			boolean rerouting) {
		this.lines = lines;
		this.candidates = candidates;
		this.preference = preference;
		this.cover = cover;
		this.whole = whole;
		this.penalty = penalty;
		this.rerouting = rerouting;
	}

	/** The distinct plans found, in the order they were tried. */
	List<Plan> weighed() {
		List<Plan> found = new ArrayList<>(4);
		int single = bestSingle();
		if (single >= 0) {
			add(found, evaluate("one location", new int[] { single }));
		}
		int[] pool = pool();
		add(found, bestPair(pool));
		add(found, evaluate("greedy cover", greedy(pool)));
		add(found, evaluate("each line at its cheapest location", cheapest()));
		return found;
	}

	/** The single location serving every line with the lowest score, or -1. */
	private int bestSingle() {
		int count = Long.bitCount(whole);
		int best = -1;
		long bestScore = 0;
		for (int c = 0; c < candidates.size(); c++) {
			if ((cover[c] & whole) == whole && candidates.get(c).linesLeft() >= count) {
				long score = singleScore(candidates.get(c));
				if (best < 0 || score < bestScore || (score == bestScore && bySingleTies(c, best) < 0)) {
					best = c;
					bestScore = score;
				}
			}
		}
		return best;
	}

	private long singleScore(Planner.Candidate candidate) {
		long shipping = candidate.paid() ? 0 : candidate.cost();
		int fresh = candidate.paid() ? 0 : 1;
		return shipping + penalty * Math.max(0, fresh - (rerouting ? 0 : 1));
	}

	private int bySingleTies(int a, int b) {
		Planner.Candidate x = candidates.get(a);
		Planner.Candidate y = candidates.get(b);
		int order = Integer.compare(x.rank(), y.rank());
		if (order == 0) {
			order = Double.compare(x.distanceOrFar(), y.distanceOrFar());
		}
		return order != 0 ? order : x.id().value().compareTo(y.id().value());
	}

	/** The candidates serving some line whole, those serving the most first. */
	private int[] pool() {
		long[] keys = new long[candidates.size()];
		int size = 0;
		for (int c = 0; c < candidates.size(); c++) {
			if ((cover[c] & whole) != 0) {
				keys[size++] = ((long) (64 - Long.bitCount(cover[c] & whole)) << 32) | preference.of(c);
			}
		}
		int[] pool = new int[size];
		preference.sortKeyed(keys, size, pool);
		return pool;
	}

	private @Nullable Plan bestPair(int[] pool) {
		int top = Math.min(PAIR_POOL, pool.length);
		Plan best = null;
		for (int a = 0; a < top; a++) {
			long ca = cover[pool[a]] & whole;
			if (ca == whole) {
				continue;
			}
			for (int b = a + 1; b < top; b++) {
				long cb = cover[pool[b]] & whole;
				if (cb == whole || (ca | cb) != whole) {
					continue;
				}
				Plan pair = evaluate("two locations", new int[] { pool[a], pool[b] });
				if (pair != null && (best == null || pair.compareTo(best) < 0)) {
					best = pair;
				}
			}
		}
		return best;
	}

	private int[] greedy(int[] pool) {
		boolean[] taken = new boolean[candidates.size()];
		int[] set = new int[pool.length];
		int size = 0;
		long remaining = whole;
		while (remaining != 0) {
			int best = -1;
			int bestGain = 0;
			for (int c : pool) {
				if (taken[c]) {
					continue;
				}
				int gain = Math.min(Long.bitCount(cover[c] & remaining), candidates.get(c).linesLeft());
				if (gain > bestGain || (gain == bestGain && gain > 0 && preference.of(c) < preference.of(best))) {
					best = c;
					bestGain = gain;
				}
			}
			if (best < 0) {
				break;
			}
			taken[best] = true;
			set[size++] = best;
			long take = cover[best] & remaining;
			for (int left = candidates.get(best).linesLeft(); Long.bitCount(take) > left;) {
				take &= ~Long.highestOneBit(take);
			}
			remaining &= ~take;
		}
		return Arrays.copyOf(set, size);
	}

	/** Each line's most preferred location, distinct, in the order of the lines. */
	private int[] cheapest() {
		boolean[] taken = new boolean[candidates.size()];
		int[] set = new int[Long.bitCount(whole)];
		int size = 0;
		for (long rest = whole; rest != 0; rest &= rest - 1) {
			long line = Long.lowestOneBit(rest);
			for (int p = 0; p < preference.size(); p++) {
				int c = preference.at(p);
				if ((cover[c] & line) != 0) {
					if (!taken[c]) {
						taken[c] = true;
						set[size++] = c;
					}
					break;
				}
			}
		}
		return Arrays.copyOf(set, size);
	}

	/**
	 * The set's plan, each line at the most preferred location of the set that serves it
	 * and has room (lines with the fewest choices in the set first), or null if it cannot
	 * be.
	 */
	private @Nullable Plan evaluate(String name, int[] set) {
		if (set.length == 0) {
			return null;
		}
		long[] keys = new long[set.length];
		for (int k = 0; k < set.length; k++) {
			keys[k] = preference.of(set[k]);
		}
		int[] ordered = new int[set.length];
		preference.sortKeyed(keys, set.length, ordered);
		long[] byChoices = new long[Long.bitCount(whole)];
		int count = 0;
		for (long rest = whole; rest != 0; rest &= rest - 1) {
			int i = Long.numberOfTrailingZeros(rest);
			int choices = 0;
			for (int c : ordered) {
				if ((cover[c] & (1L << i)) != 0) {
					choices++;
				}
			}
			byChoices[count++] = ((long) choices << 8) | i;
		}
		Arrays.sort(byChoices);
		int[] at = new int[lines];
		int[] used = new int[set.length];
		for (long key : byChoices) {
			int i = (int) (key & 0xff);
			int chosen = -1;
			for (int k = 0; k < ordered.length; k++) {
				int c = ordered[k];
				if ((cover[c] & (1L << i)) != 0 && used[k] < candidates.get(c).linesLeft()) {
					chosen = k;
					break;
				}
			}
			if (chosen < 0) {
				return null;
			}
			at[i] = ordered[chosen];
			used[chosen]++;
		}
		int useful = 0;
		for (int k = 0; k < ordered.length; k++) {
			if (used[k] > 0) {
				ordered[useful++] = ordered[k];
			}
		}
		return plan(name, Arrays.copyOf(ordered, useful), at);
	}

	private Plan plan(String name, int[] set, int[] at) {
		long shipping = 0;
		int fresh = 0;
		int rank = 0;
		double distance = 0;
		for (int c : set) {
			Planner.Candidate candidate = candidates.get(c);
			if (!candidate.paid()) {
				shipping += candidate.cost();
				fresh++;
			}
			rank += candidate.rank();
			distance += candidate.distanceOrFar();
		}
		long score = shipping + penalty * Math.max(0, fresh - (rerouting ? 0 : 1));
		return new Plan(name, set, at, shipping, score, rank, distance, candidates);
	}

	private static void add(List<Plan> found, @Nullable Plan plan) {
		if (plan == null) {
			return;
		}
		for (Plan other : found) {
			if (other.sameLocations(plan)) {
				return;
			}
		}
		found.add(plan);
	}

}
