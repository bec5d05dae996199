package io.omnis.fulfilment.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * Weighed: every single location that serves everything, pairs among the 30 locations
 * covering the most lines, a greedy cover, and each line at its cheapest location. Lines
 * are at most 64, kept as bit masks.
 */
public final class Planner {

	static final int PAIR_POOL = 30;

	static final int CONSIDERED = 15;

	private final List<Need> needs;

	private final List<Candidate> candidates;

	private final int[][] available;

	private final long penalty;

	private final boolean rerouting;

	private final Comparator<Integer> byPreference;

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
		this.rerouting = candidates.stream().anyMatch(Candidate::paid);
		this.byPreference = Comparator.<Integer>comparingLong(c -> candidates.get(c).effectiveCost())
			.thenComparingInt(c -> candidates.get(c).rank())
			.thenComparingDouble(c -> candidates.get(c).distanceOrFar())
			.thenComparing(c -> candidates.get(c).id());
	}

	public Result plan(Map<String, Integer> excluded) {
		int n = needs.size();
		int m = candidates.size();
		long[] cover = new long[m];
		long whole = 0;
		List<Integer> splitLines = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			boolean any = false;
			long total = 0;
			for (int c = 0; c < m; c++) {
				total += available[i][c];
				if (available[i][c] >= needs.get(i).quantity() && candidates.get(c).linesLeft() > 0) {
					cover[c] |= 1L << i;
					any = true;
				}
			}
			if (any) {
				whole |= 1L << i;
			}
			else if (total >= needs.get(i).quantity()) {
				splitLines.add(i);
			}
			else {
				throw new Unservable(i, (int) Math.min(Integer.MAX_VALUE, total));
			}
		}
		List<Option> options = whole == 0 ? List.of(new Option("nothing to place whole", List.of(), new int[n]))
				: options(cover, whole);
		long placed = whole;
		Option best = options.stream().min(Option.ORDER).orElseThrow(() -> new Unservable(firstLine(placed), 0));
		int[] at = best.at().clone();
		int[] used = new int[m];
		for (int i = 0; i < n; i++) {
			if ((whole & (1L << i)) != 0) {
				used[at[i]]++;
			}
		}
		List<Assignment> assignments = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			if ((whole & (1L << i)) != 0) {
				Need need = needs.get(i);
				assignments.add(new Assignment(need.lineNo(), need.sku(), need.quantity(), candidates.get(at[i]).id()));
			}
		}
		List<String> splits = new ArrayList<>();
		for (int i : splitLines) {
			assignments.addAll(split(i, best.set(), used, splits));
		}
		assignments.sort(Comparator.comparingInt(Assignment::lineNo).thenComparing(Assignment::locationId));
		return result(assignments, options, best, cover, excluded, splits);
	}

	private List<Option> options(long[] cover, long whole) {
		int m = candidates.size();
		Map<List<Integer>, Option> found = new LinkedHashMap<>();
		// The best single location, compared by what its plan's Option would be compared
		// by
		// (score, then rank, distance and id, its parcels being 1), built for it alone
		int lines = Long.bitCount(whole);
		int bestSingle = -1;
		long bestScore = 0;
		for (int c = 0; c < m; c++) {
			if ((cover[c] & whole) == whole && candidates.get(c).linesLeft() >= lines) {
				long score = singleScore(c);
				if (bestSingle < 0 || score < bestScore || (score == bestScore && bySingleTies(c, bestSingle) < 0)) {
					bestSingle = c;
					bestScore = score;
				}
			}
		}
		if (bestSingle >= 0) {
			add(found, evaluate("one location", List.of(bestSingle), cover, whole));
		}
		List<Integer> pool = new ArrayList<>();
		for (int c = 0; c < m; c++) {
			if ((cover[c] & whole) != 0) {
				pool.add(c);
			}
		}
		pool.sort(Comparator.<Integer>comparingInt(c -> -Long.bitCount(cover[c] & whole)).thenComparing(byPreference));
		List<Integer> top = pool.subList(0, Math.min(PAIR_POOL, pool.size()));
		Option bestPair = null;
		for (int a = 0; a < top.size(); a++) {
			for (int b = a + 1; b < top.size(); b++) {
				long ca = cover[top.get(a)] & whole;
				long cb = cover[top.get(b)] & whole;
				if (ca == whole || cb == whole || (ca | cb) != whole) {
					continue;
				}
				Option pair = evaluate("two locations", List.of(top.get(a), top.get(b)), cover, whole);
				if (pair != null && (bestPair == null || Option.ORDER.compare(pair, bestPair) < 0)) {
					bestPair = pair;
				}
			}
		}
		add(found, bestPair);
		add(found, evaluate("greedy cover", greedy(pool, cover, whole), cover, whole));
		List<Integer> cheapest = new ArrayList<>();
		for (int i = 0; i < needs.size(); i++) {
			if ((whole & (1L << i)) != 0) {
				int line = i;
				pool.stream()
					.filter(c -> (cover[c] & (1L << line)) != 0)
					.min(byPreference)
					.filter(c -> !cheapest.contains(c))
					.ifPresent(cheapest::add);
			}
		}
		add(found, evaluate("each line at its cheapest location", cheapest, cover, whole));
		return List.copyOf(found.values());
	}

	private long singleScore(int c) {
		Candidate candidate = candidates.get(c);
		long shipping = candidate.paid() ? 0 : candidate.cost();
		int fresh = candidate.paid() ? 0 : 1;
		return shipping + penalty * Math.max(0, fresh - (rerouting ? 0 : 1));
	}

	private int bySingleTies(int a, int b) {
		Candidate x = candidates.get(a);
		Candidate y = candidates.get(b);
		int order = Integer.compare(x.rank(), y.rank());
		if (order == 0) {
			order = Double.compare(x.distanceOrFar(), y.distanceOrFar());
		}
		return order != 0 ? order : x.id().value().compareTo(y.id().value());
	}

	private static void add(Map<List<Integer>, Option> found, @Nullable Option option) {
		if (option != null) {
			found.putIfAbsent(option.set().stream().sorted().toList(), option);
		}
	}

	private List<Integer> greedy(List<Integer> pool, long[] cover, long whole) {
		List<Integer> set = new ArrayList<>();
		long remaining = whole;
		while (remaining != 0) {
			int best = -1;
			int bestGain = 0;
			for (int c : pool) {
				if (set.contains(c)) {
					continue;
				}
				int gain = Math.min(Long.bitCount(cover[c] & remaining), candidates.get(c).linesLeft());
				if (gain > bestGain || (gain == bestGain && gain > 0 && byPreference.compare(c, best) < 0)) {
					best = c;
					bestGain = gain;
				}
			}
			if (best < 0) {
				break;
			}
			set.add(best);
			long take = cover[best] & remaining;
			for (int left = candidates.get(best).linesLeft(); Long.bitCount(take) > left;) {
				take &= ~Long.highestOneBit(take);
			}
			remaining &= ~take;
		}
		return set;
	}

	/** The set's plan, each line at a location of the set, or null if it cannot be. */
	private @Nullable Option evaluate(String name, List<Integer> set, long[] cover, long whole) {
		if (set.isEmpty()) {
			return null;
		}
		List<Integer> ordered = new ArrayList<>(set);
		ordered.sort(byPreference);
		int[] at = new int[needs.size()];
		int[] used = new int[candidates.size()];
		// Lines with the fewest choices in the set first
		List<Integer> lines = new ArrayList<>();
		for (int i = 0; i < needs.size(); i++) {
			if ((whole & (1L << i)) != 0) {
				lines.add(i);
			}
		}
		lines.sort(Comparator.comparingLong(i -> ordered.stream().filter(c -> (cover[c] & (1L << i)) != 0).count()));
		for (int i : lines) {
			int chosen = -1;
			for (int c : ordered) {
				if ((cover[c] & (1L << i)) != 0 && used[c] < candidates.get(c).linesLeft()) {
					chosen = c;
					break;
				}
			}
			if (chosen < 0) {
				return null;
			}
			at[i] = chosen;
			used[chosen]++;
		}
		List<Integer> useful = ordered.stream().filter(c -> used[c] > 0).toList();
		return option(name, useful, at);
	}

	private Option option(String name, List<Integer> set, int[] at) {
		long shipping = 0;
		int fresh = 0;
		int rank = 0;
		double distance = 0;
		for (int c : set) {
			Candidate candidate = candidates.get(c);
			if (!candidate.paid()) {
				shipping += candidate.cost();
				fresh++;
			}
			rank += candidate.rank();
			distance += candidate.distanceOrFar();
		}
		long score = shipping + penalty * Math.max(0, fresh - (rerouting ? 0 : 1));
		List<String> ids = set.stream().map(c -> candidates.get(c).id().value()).sorted().toList();
		return new Option(name, set, at, set.size(), shipping, score, rank, distance, String.join(",", ids));
	}

	private List<Assignment> split(int i, List<Integer> chosen, int[] used, List<String> splits) {
		Need need = needs.get(i);
		List<Integer> order = new ArrayList<>();
		for (int c = 0; c < candidates.size(); c++) {
			if (available[i][c] > 0) {
				order.add(c);
			}
		}
		order.sort(Comparator
			.<Integer>comparingInt(c -> chosen.contains(c) || used[c] > 0 || candidates.get(c).paid() ? 0 : 1)
			.thenComparingInt(c -> -available[i][c])
			.thenComparing(byPreference));
		List<Assignment> pieces = new ArrayList<>();
		int left = need.quantity();
		for (int c : order) {
			if (left == 0) {
				break;
			}
			if (used[c] >= candidates.get(c).linesLeft()) {
				continue;
			}
			int take = Math.min(left, available[i][c]);
			pieces.add(new Assignment(need.lineNo(), need.sku(), take, candidates.get(c).id()));
			used[c]++;
			left -= take;
		}
		if (left > 0) {
			throw new Unservable(i, need.quantity() - left);
		}
		splits.add("Line " + need.lineNo() + " (" + need.quantity() + " × " + need.sku()
				+ ") is split: no single location can serve all of it; "
				+ String.join(", ", pieces.stream().map(p -> p.quantity() + " from " + p.locationId()).toList()));
		return pieces;
	}

	private Result result(List<Assignment> assignments, List<Option> options, Option best, long[] cover,
			Map<String, Integer> excluded, List<String> splits) {
		Map<LocationId, Candidate> byId = new TreeMap<>();
		candidates.forEach(c -> byId.put(c.id(), c));
		long shipping = 0;
		int fresh = 0;
		for (LocationId id : assignments.stream().map(Assignment::locationId).distinct().toList()) {
			Candidate candidate = byId.get(id);
			if (!candidate.paid()) {
				shipping += candidate.cost();
				fresh++;
			}
		}
		int parcels = (int) assignments.stream().map(Assignment::locationId).distinct().count();
		long score = shipping + penalty * Math.max(0, fresh - (rerouting ? 0 : 1));
		List<Explanation.Option> weighed = new ArrayList<>();
		for (Option option : options) {
			weighed.add(new Explanation.Option(option.name(),
					option.ids().isEmpty() ? List.of() : List.of(option.ids().split(",")), option.parcels(),
					option.shipping(), option.score(), option == best ? "chosen" : lostBecause(option, best)));
		}
		List<Integer> ranked = new ArrayList<>();
		for (int c = 0; c < candidates.size(); c++) {
			if (cover[c] != 0) {
				ranked.add(c);
			}
		}
		ranked.sort(Comparator.<Integer>comparingInt(c -> best.set().contains(c) ? 0 : 1)
			.thenComparingInt(c -> -Long.bitCount(cover[c]))
			.thenComparing(byPreference));
		List<Explanation.Considered> considered = new ArrayList<>();
		for (int c : ranked.subList(0, Math.min(CONSIDERED, ranked.size()))) {
			Candidate candidate = candidates.get(c);
			int lines = Long.bitCount(cover[c]);
			String note = best.set().contains(c) ? "in the chosen plan" : "could serve " + lines + " of " + needs.size()
					+ " lines whole; not in the plan with the lowest score";
			considered.add(new Explanation.Considered(candidate.id().value(), candidate.name(), candidate.type().name(),
					candidate.distanceKm(), candidate.effectiveCost(), lines, note));
		}
		String summary = summary(best, options, splits, parcels);
		return new Result(assignments, parcels, shipping, score,
				new Explanation(summary, weighed, considered, Map.copyOf(excluded), splits));
	}

	private String summary(Option best, List<Option> options, List<String> splits, int parcels) {
		StringBuilder text = new StringBuilder();
		if (best.set().isEmpty()) {
			text.append("Every line had to be split");
		}
		else {
			text.append("Chose ")
				.append(best.name())
				.append(" (")
				.append(best.parcels())
				.append(" parcel")
				.append(best.parcels() == 1 ? "" : "s")
				.append(", shipping ")
				.append(best.shipping())
				.append(", score ")
				.append(best.score())
				.append(")");
			boolean singleExists = options.stream().anyMatch(o -> o.parcels() == 1);
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

	private String lostBecause(Option option, Option best) {
		if (option.score() > best.score()) {
			return "lost: score " + option.score() + " is higher than " + best.score();
		}
		if (option.parcels() > best.parcels()) {
			return "lost: same score, more parcels";
		}
		if (option.rank() > best.rank()) {
			return "lost: same score and parcels, less preferred kind of location";
		}
		return "lost: same score, parcels and preference, farther away";
	}

	private int firstLine(long mask) {
		return Long.numberOfTrailingZeros(mask);
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

	private record Option(String name, List<Integer> set, int[] at, int parcels, long shipping, long score, int rank,
			double distance, String ids) {

		Option(String name, List<Integer> set, int[] at) {
			this(name, set, at, 0, 0, 0, 0, 0, "");
		}

		static final Comparator<Option> ORDER = Comparator.comparingLong(Option::score)
			.thenComparingInt(Option::parcels)
			.thenComparingInt(Option::rank)
			.thenComparingDouble(Option::distance)
			.thenComparing(Option::ids);

	}

}
