package io.omnis.fulfilment.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.omnis.channel.ChannelId;
import io.omnis.fulfilment.Decision;
import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.fulfilment.RoutingRules;
import io.omnis.inventory.Availability;
import io.omnis.inventory.Capability;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.LocationType;
import io.omnis.inventory.NetworkStock;
import io.omnis.inventory.Opening;
import io.omnis.inventory.Sku;
import io.omnis.kernel.problem.ProblemException;

/**
 * Gathers what a decision needs in two statements (the stock of the request's SKUs by
 * location where some is available, and the capacity those locations used today, each
 * with the version of what the node's {@link RoutingNetwork} copy holds), leaves out the
 * locations that cannot serve, prices the rest, and lets the {@link Planner} choose.
 */
@Component
public class Decider {

	private final Availability availability;

	private final CapacityStore capacity;

	private final RoutingNetwork network;

	Decider(Availability availability, CapacityStore capacity, RoutingNetwork network) {
		this.availability = availability;
		this.capacity = capacity;
		this.network = network;
	}

	/**
	 * Decides where the needs are served.
	 * @param destination where parcels go: the customer, or the store she chose
	 * @param pickup the store she chose, which serves at no shipping cost
	 * @param excluded locations that may not serve (they rejected the line)
	 * @param paid locations already serving the request: no new parcel
	 * @throws Planner.Unservable when a need cannot be served
	 */
	public Routed decide(ChannelId channel, FulfilmentMethod method, @Nullable Coordinates destination,
			@Nullable Location pickup, List<Planner.Need> needs, Set<LocationId> excluded, Set<LocationId> paid,
			RoutingRules rules, Instant now) {
		return decide(channel, method, destination, pickup, needs, excluded, paid, null, rules, now);
	}

	/**
	 * Decides where the needs are served, by {@code only} that location when given (the
	 * store whose same-day slot the customer booked).
	 */
	public Routed decide(ChannelId channel, FulfilmentMethod method, @Nullable Coordinates destination,
			@Nullable Location pickup, List<Planner.Need> needs, Set<LocationId> excluded, Set<LocationId> paid,
			@Nullable LocationId only, RoutingRules rules, Instant now) {
		return decideWith(channel, method, destination, pickup, needs, excluded, paid, only, rules, now);
	}

	/**
	 * Decides where the needs are served under the rules in force, read with the decision
	 * (they come back in {@link Routed#rules()}).
	 */
	public Routed decide(ChannelId channel, FulfilmentMethod method, @Nullable Coordinates destination,
			@Nullable Location pickup, List<Planner.Need> needs, @Nullable LocationId only, Instant now) {
		return decideWith(channel, method, destination, pickup, needs, Set.of(), Set.of(), only, null, now);
	}

	/*
	 * Two statements: the positive stock of the SKUs by location with the locations'
	 * version, then the capacity used at those locations today with the rules' and
	 * settings' version; everything else comes from the node's RoutingNetwork copy. The
	 * locations are taken in id order (their ordinal in the copy), each time zone's local
	 * time is computed once, and the planner gets plain arrays.
	 */
	private Routed decideWith(ChannelId channel, FulfilmentMethod method, @Nullable Coordinates destination,
			@Nullable Location pickup, List<Planner.Need> needs, Set<LocationId> excluded, Set<LocationId> paid,
			@Nullable LocationId only, @Nullable RoutingRules given, Instant now) {
		List<Sku> skus = new ArrayList<>(needs.size());
		int[] column = new int[needs.size()];
		for (int i = 0; i < needs.size(); i++) {
			Sku sku = needs.get(i).sku();
			int at = skus.indexOf(sku);
			if (at < 0) {
				at = skus.size();
				skus.add(sku);
			}
			column[i] = at;
		}
		NetworkStock stock = availability.byLocation(skus, channel);
		for (int i = 0; i < needs.size(); i++) {
			if (!stock.stocked(column[i])) {
				throw ProblemException.invalidField("lines[" + needs.get(i).lineNo() + "].sku",
						"is not a SKU any location stocks");
			}
		}
		RoutingNetwork.Places places = network.places(stock.locationsVersion());
		long[] keys = new long[stock.locations()];
		RoutingNetwork.Place[] placeOf = new RoutingNetwork.Place[stock.locations()];
		int known = 0;
		for (int k = 0; k < stock.locations(); k++) {
			RoutingNetwork.Place place = places.find(stock.locationId(k));
			if (place != null) {
				placeOf[k] = place;
				keys[known++] = ((long) place.ordinal() << 32) | k;
			}
		}
		Arrays.sort(keys, 0, known);
		ZonedDateTime[] local = new ZonedDateTime[places.zones().size()];
		String[] dayOf = new String[local.length];
		int[] row = new int[known];
		String[] ids = new String[known];
		String[] days = new String[known];
		for (int x = 0; x < known; x++) {
			row[x] = (int) keys[x];
			RoutingNetwork.Place place = placeOf[row[x]];
			int zone = place.zone();
			if (local[zone] == null) {
				local[zone] = now.atZone(places.zones().get(zone));
				dayOf[zone] = local[zone].toLocalDate().toString();
			}
			ids[x] = stock.locationId(row[x]);
			days[x] = dayOf[zone];
		}
		CapacityStore.Used used = capacity.used(ids, days);
		RoutingNetwork.Settings settings = network.settings(used.version());
		RoutingRules rules = given != null ? given : settings.rulesInForce();
		Map<String, Integer> left = new TreeMap<>();
		List<Planner.Candidate> candidates = new ArrayList<>(known);
		int[] candidateRow = new int[known];
		CapacityStore.State[] stateOf = new CapacityStore.State[known];
		int[] zoneOf = new int[known];
		for (int x = 0; x < known; x++) {
			RoutingNetwork.Place place = placeOf[row[x]];
			Location location = place.location();
			CapacityStore.State state = used.state(settings.byLocation().get(location.id()), ids[x]);
			boolean isPickup = pickup != null && pickup.id().equals(location.id());
			Double distance = distance(destination, location.coordinates());
			String reason = only != null && !only.equals(location.id()) ? "not the store of the booked same-day slot"
					: exclusion(location, state, method, isPickup, distance, excluded, paid, rules,
							local[place.zone()]);
			if (reason != null) {
				left.merge(reason, 1, Integer::sum);
				continue;
			}
			int linesLeft = state.maxLines(rules.dailyLines()) - state.usedLines();
			candidateRow[candidates.size()] = row[x];
			stateOf[candidates.size()] = state;
			zoneOf[candidates.size()] = place.zone();
			candidates.add(new Planner.Candidate(location.id(), location.name(), location.type(), distance,
					isPickup ? 0 : rules.costAt(distance), rank(rules.preference(), location.type()),
					Math.max(0, linesLeft), paid.contains(location.id())));
		}
		int[][] available = new int[needs.size()][candidates.size()];
		for (int i = 0; i < needs.size(); i++) {
			for (int c = 0; c < candidates.size(); c++) {
				available[i][c] = stock.available(column[i], candidateRow[c]);
			}
		}
		Planner.Result result = new Planner(needs, candidates, available, rules.parcelPenalty()).plan(left);
		Decision decision = new Decision(method, result.assignments(), result.parcels(), result.shippingCost(),
				result.score(), rules.currency(), result.explanation());
		Map<LocationId, LocalDate> dayAt = new HashMap<>();
		Map<LocationId, CapacityStore.State> states = new HashMap<>();
		for (LocationId id : decision.locations()) {
			for (int c = 0; c < candidates.size(); c++) {
				if (candidates.get(c).id().equals(id)) {
					dayAt.put(id, local[zoneOf[c]].toLocalDate());
					states.put(id, stateOf[c]);
				}
			}
		}
		return new Routed(decision, dayAt, states, rules);
	}

	/** Why the location cannot serve this request, or null when it can. */
	private static @Nullable String exclusion(Location location, CapacityStore.State state, FulfilmentMethod method,
			boolean isPickup, @Nullable Double distance, Set<LocationId> excluded, Set<LocationId> paid,
			RoutingRules rules, ZonedDateTime local) {
		if (excluded.contains(location.id())) {
			return "rejected this line";
		}
		if (!state.active()) {
			return "not active";
		}
		if (!isOpen(location, local)) {
			return "closed today";
		}
		if (isPickup) {
			Capability needed = method == FulfilmentMethod.CURBSIDE ? Capability.CURBSIDE : Capability.PICKUP;
			if (!location.can(needed)) {
				return "no " + needed + " capability";
			}
		}
		else if (method == FulfilmentMethod.SAME_DAY) {
			if (!location.can(Capability.SAME_DAY)) {
				return "no SAME_DAY capability";
			}
			if (distance == null || distance > rules.sameDayRadiusKm()) {
				return "too far for same-day delivery";
			}
		}
		else if (!location.can(Capability.SHIPS) && !location.can(Capability.SHIP_FROM_STORE)) {
			return "cannot ship (no SHIPS or SHIP_FROM_STORE capability)";
		}
		if (!paid.contains(location.id()) && state.usedOrders() >= state.maxOrders(rules.dailyOrders())) {
			return "daily order capacity used";
		}
		if (state.usedLines() >= state.maxLines(rules.dailyLines())) {
			return "daily line capacity used";
		}
		return null;
	}

	/**
	 * Whether a location takes work now: one that publishes no opening hours always does;
	 * otherwise it must open on its local weekday and not have closed yet.
	 */
	public static boolean isOpen(Location location, Instant now) {
		return location.openingHours().isEmpty() || isOpen(location, now.atZone(location.timeZone()));
	}

	/** Whether a location takes work at {@code local}, the time in its zone. */
	static boolean isOpen(Location location, ZonedDateTime local) {
		if (location.openingHours().isEmpty()) {
			return true;
		}
		for (Opening opening : location.openingHours()) {
			if (opening.day() == local.getDayOfWeek() && local.toLocalTime().isBefore(opening.closes())) {
				return true;
			}
		}
		return false;
	}

	static int rank(RoutingRules.Preference preference, LocationType type) {
		return switch (preference) {
			case NONE -> 0;
			case WAREHOUSES_FIRST -> switch (type) {
				case WAREHOUSE -> 0;
				case DARK_STORE -> 1;
				case STORE -> 2;
			};
			case STORES_FIRST -> switch (type) {
				case STORE -> 0;
				case DARK_STORE -> 1;
				case WAREHOUSE -> 2;
			};
		};
	}

	/** Great-circle distance in km (haversine), null when a point is unknown. */
	public static @Nullable Double distance(@Nullable Coordinates a, @Nullable Coordinates b) {
		if (a == null || b == null) {
			return null;
		}
		double dLat = Math.toRadians(b.latitude() - a.latitude());
		double dLon = Math.toRadians(b.longitude() - a.longitude());
		double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(a.latitude()))
				* Math.cos(Math.toRadians(b.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
		return Math.round(2 * 6371.0088 * Math.asin(Math.sqrt(h)) * 1000) / 1000.0;
	}

	/**
	 * A decision with what committing it needs: each of its locations' local day and
	 * state.
	 *
	 * @param rules the rules the decision followed
	 */
	public record Routed(Decision decision, Map<LocationId, LocalDate> days,
			Map<LocationId, CapacityStore.State> states, RoutingRules rules) {
	}

}
