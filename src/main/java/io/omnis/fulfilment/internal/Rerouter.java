package io.omnis.fulfilment.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.omnis.fulfilment.Allocation;
import io.omnis.fulfilment.Assignment;
import io.omnis.fulfilment.Explanation;
import io.omnis.fulfilment.Fulfilment;
import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.fulfilment.SameDayBooking;
import io.omnis.fulfilment.LineRerouted;
import io.omnis.fulfilment.RejectionReason;
import io.omnis.fulfilment.Reroute;
import io.omnis.fulfilment.RoutingRules;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Locations;
import io.omnis.inventory.ReservationLine;
import io.omnis.inventory.Reservations;
import io.omnis.kernel.CustomerActivity;
import io.omnis.kernel.Ids;
import io.omnis.kernel.security.Actor;

/**
 * Moves units a location rejected: decides again for them without that location (nor any
 * that rejected the line before), moves the reservation by the difference, puts a pick
 * list in the new location's queue, records why, and publishes {@link LineRerouted} so
 * that the customer is told. Runs in the caller's transaction: all of it or nothing.
 */
@Component
public class Rerouter {

	private final Decider router;

	private final FulfilmentStore store;

	private final CapacityStore capacity;

	private final Reservations reservations;

	private final Locations locations;

	private final Work work;

	private final ApplicationEventPublisher events;

	private final SlotStore slots;

	Rerouter(Decider router, FulfilmentStore store, CapacityStore capacity, Reservations reservations,
			Locations locations, Work work, ApplicationEventPublisher events, SlotStore slots) {
		this.slots = slots;
		this.router = router;
		this.store = store;
		this.capacity = capacity;
		this.reservations = reservations;
		this.locations = locations;
		this.work = work;
		this.events = events;
	}

	/**
	 * @param fulfilment locked by the caller
	 * @param quantity how many of the allocation's units the location cannot give
	 */
	public Reroute reject(Fulfilment fulfilment, Allocation allocation, int quantity, RejectionReason reason,
			@Nullable String note, RoutingRules rules, Instant now) {
		Set<LocationId> excluded = new HashSet<>();
		excluded.add(allocation.locationId());
		fulfilment.allocations()
			.stream()
			.filter(a -> a.lineNo() == allocation.lineNo() && a.status() == Allocation.Status.REJECTED)
			.forEach(a -> excluded.add(a.locationId()));
		Set<LocationId> paid = new HashSet<>();
		fulfilment.active().forEach(a -> paid.add(a.locationId()));
		paid.removeAll(excluded);
		Location pickup = fulfilment.pickupLocationId() == null ? null
				: locations.find(fulfilment.pickupLocationId()).orElse(null);
		Coordinates destination = fulfilment.method().atStore() && pickup != null ? pickup.coordinates()
				: fulfilment.destination();
		List<Assignment> moved = List.of();
		Explanation explanation;
		try {
			// A booked same-day slot is delivered by its store only: nowhere else to go
			LocationId only = fulfilment.method() == FulfilmentMethod.SAME_DAY
					? slots.booking(fulfilment.channelId(), fulfilment.reference())
						.map(SameDayBooking::locationId)
						.orElse(null)
					: null;
			Decider.Routed routed = router.decide(fulfilment.channelId(), fulfilment.method(), destination, pickup,
					List.of(new Planner.Need(allocation.lineNo(), allocation.sku(), quantity)), excluded, paid, only,
					rules, now);
			moved = routed.decision().assignments();
			explanation = routed.decision().explanation();
			for (LocationId location : routed.decision().locations()) {
				CapacityStore.State state = routed.states().getOrDefault(location, CapacityStore.State.DEFAULT);
				int lines = (int) moved.stream().filter(a -> a.locationId().equals(location)).count();
				if (!capacity.take(location, routed.days().get(location), paid.contains(location) ? 0 : 1, lines,
						state.maxOrders(rules.dailyOrders()), state.maxLines(rules.dailyLines()))) {
					throw new Attempts.Taken(location.value());
				}
			}
		}
		catch (Planner.Unservable ex) {
			explanation = new Explanation(
					"No other location can serve " + quantity + " × " + allocation.sku() + " (only " + ex.available()
							+ " elsewhere): the units are no longer held and the customer is told",
					List.of(), List.of(), Map.of(), List.of());
		}
		String because = reason + (note == null ? "" : ": " + note);
		if (quantity < allocation.quantity()) {
			store.shrink(allocation.id(), allocation.quantity() - quantity);
			store.insertAllocation(fulfilment.id(), new Allocation(Ids.next("all"), allocation.lineNo(),
					allocation.sku(), quantity, allocation.locationId(), Allocation.Status.REJECTED, because), now);
		}
		else {
			store.reject(allocation.id(), because);
		}
		List<Allocation> added = new ArrayList<>();
		for (Assignment a : moved) {
			Allocation fresh = new Allocation(Ids.next("all"), a.lineNo(), a.sku(), a.quantity(), a.locationId(),
					Allocation.Status.ACTIVE, null);
			store.insertAllocation(fulfilment.id(), fresh, now);
			added.add(fresh);
		}
		moveReservation(fulfilment, allocation, quantity, added);
		added.stream()
			.map(Allocation::locationId)
			.distinct()
			.forEach(location -> work.pick(fulfilment.id(), location,
					added.stream().filter(a -> a.locationId().equals(location)).toList(), now, rules.pickMinutes()));
		Reroute reroute = new Reroute(Ids.next("rrt"), allocation.lineNo(), allocation.sku(), quantity,
				allocation.locationId(), moved.stream().map(Assignment::locationId).distinct().toList(), reason, note,
				explanation, Actor.current(), now);
		store.insertReroute(fulfilment.id(), reroute);
		events.publishEvent(
				new LineRerouted(fulfilment.id(), fulfilment.channelId(), fulfilment.reference(), fulfilment.customer(),
						allocation.lineNo(), allocation.sku(), quantity, allocation.locationId(), moved, reason, now));
		if (fulfilment.customer() != null) {
			String summary = moved.isEmpty()
					? quantity + " × " + allocation.sku() + " of " + fulfilment.reference()
							+ " cannot be fulfilled: no location has it"
					: quantity + " × " + allocation.sku() + " of " + fulfilment.reference() + " now comes from "
							+ String.join(", ", reroute.to().stream().map(LocationId::value).toList());
			events.publishEvent(new CustomerActivity(fulfilment.customer(), now,
					moved.isEmpty() ? "fulfilment.line-unfillable" : "fulfilment.line-rerouted",
					fulfilment.channelId().value(), summary, fulfilment.id().value()));
		}
		return reroute;
	}

	/**
	 * The reservation changed to the active allocations after the move: released where
	 * rejected, held where re-routed, in one adjustment.
	 */
	private void moveReservation(Fulfilment fulfilment, Allocation rejected, int quantity, List<Allocation> added) {
		Map<String, ReservationLine> lines = new TreeMap<>();
		List<Allocation> active = new ArrayList<>(fulfilment.active());
		active.replaceAll(a -> a.id().equals(rejected.id()) ? new Allocation(a.id(), a.lineNo(), a.sku(),
				a.quantity() - quantity, a.locationId(), a.status(), a.reason()) : a);
		active.addAll(added);
		for (Allocation a : active) {
			if (a.quantity() > 0) {
				lines.merge(a.sku() + "\u0000" + a.locationId(),
						ReservationLine.of(a.sku(), a.locationId(), a.quantity()),
						(x, y) -> ReservationLine.of(x.sku(), x.locationId(), x.quantity() + y.quantity()));
			}
		}
		if (lines.isEmpty()) {
			reservations.release(fulfilment.reservationId());
		}
		else {
			reservations.adjust(fulfilment.reservationId(), List.copyOf(lines.values()), null);
		}
	}

}
