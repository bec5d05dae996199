package io.omnis.fulfilment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.fulfilment.internal.Attempts;
import io.omnis.fulfilment.internal.CapacityStore;
import io.omnis.fulfilment.internal.FulfilmentStore;
import io.omnis.fulfilment.internal.Planner;
import io.omnis.fulfilment.internal.SlotStore;
import io.omnis.fulfilment.internal.Decider;
import io.omnis.fulfilment.internal.Work;
import io.omnis.inventory.Capability;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.Inventory;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Locations;
import io.omnis.inventory.Reservation;
import io.omnis.inventory.ReservationKind;
import io.omnis.inventory.ReservationLine;
import io.omnis.inventory.Reservations;
import io.omnis.inventory.Sku;
import io.omnis.kernel.CustomerActivity;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Decides which location serves each line of a request, and commits the decision: the
 * capacity it uses, a reservation of every line at its location (all or nothing), the
 * pick lists, and {@link FulfilmentRouted}. What the order module calls once an order is
 * placed; {@link #route} commits in a transaction of its own.
 */
@Service
public class OrderRouter {

	static final int MAX_REFERENCE = 100;

	private final Decider router;

	private final Locations locations;

	private final CapacityStore capacity;

	private final Reservations reservations;

	private final FulfilmentStore store;

	private final Work work;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final TransactionTemplate readOnly;

	private final TransactionTemplate nested;

	private final Clock clock;

	private final SlotStore slots;

	OrderRouter(Decider router, Locations locations, CapacityStore capacity, Reservations reservations,
			FulfilmentStore store, Work work, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, Clock clock, SlotStore slots) {
		this.slots = slots;
		this.router = router;
		this.locations = locations;
		this.capacity = capacity;
		this.reservations = reservations;
		this.store = store;
		this.work = work;
		this.events = events;
		// Its own transaction, so that a decision whose stock or capacity was taken can
		// be
		// retried even when the caller (an event listener, say) has a transaction open
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.nested = new TransactionTemplate(transactionManager);
		this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.clock = clock;
	}

	/** The decision, without holding anything or using any capacity. */
	public Decision quote(FulfilmentRequest request) {
		return readOnly.execute(status -> decide(request, clock.instant()).decision());
	}

	/**
	 * Decides and commits: capacity, reservation, pick lists, event. Decided again from
	 * fresh reads when another request took the stock or capacity in between.
	 */
	public Fulfilment route(FulfilmentRequest request) {
		try {
			return Attempts.run(transactions, () -> commit(request));
		}
		catch (DuplicateKeyException ex) {
			// The same reference routed by a concurrent request
			throw new ProblemException(ProblemType.CONFLICT,
					"Reference '" + request.reference().strip() + "' of this channel is routed already",
					List.of(new FieldError("reference", "is routed already")));
		}
	}

	/**
	 * Decides and commits inside the caller's transaction, each attempt in a savepoint of
	 * its own: {@code before} runs first in every attempt (to let go of stock the
	 * request's own units are held by, so that the decision sees them), and a routing
	 * that fails rolls back to the savepoint, {@code before} included, and throws. The
	 * caller's transaction goes on either way; nothing is committed before it commits.
	 */
	public Fulfilment routeWithin(FulfilmentRequest request, Runnable before) {
		try {
			return Attempts.run(nested, () -> {
				before.run();
				return commit(request);
			});
		}
		catch (DuplicateKeyException ex) {
			throw new ProblemException(ProblemType.CONFLICT,
					"Reference '" + request.reference().strip() + "' of this channel is routed already",
					List.of(new FieldError("reference", "is routed already")));
		}
	}

	private Fulfilment commit(FulfilmentRequest request) {
		if (store.exists(request.channelId(), request.reference().strip())) {
			throw new ProblemException(ProblemType.CONFLICT,
					"Reference '" + request.reference().strip() + "' of this channel is routed already",
					List.of(new FieldError("reference", "is routed already")));
		}
		Instant now = clock.instant();
		Decider.Routed routed = decide(request, now);
		RoutingRules rules = routed.rules();
		Decision decision = routed.decision();
		Reservation reservation = reservations.reserve(request.channelId(), request.reference().strip(),
				ReservationKind.ORDER, Duration.ofHours(rules.reservationHours()),
				decision.assignments()
					.stream()
					.map(a -> ReservationLine.of(a.sku(), a.locationId(), a.quantity()))
					.toList());
		List<Allocation> allocations = decision.assignments()
			.stream()
			.map(a -> new Allocation(Ids.next("all"), a.lineNo(), a.sku(), a.quantity(), a.locationId(),
					Allocation.Status.ACTIVE, null))
			.toList();
		Fulfilment fulfilment = new Fulfilment(FulfilmentId.next(), request.channelId(), request.reference().strip(),
				request.customer(), request.method(), request.destination(), request.pickupLocationId(),
				reservation.id(), allocations, decision.explanation(), List.of(), now);
		store.insert(fulfilment, now);
		for (LocationId location : decision.locations()) {
			work.pick(fulfilment.id(), location,
					allocations.stream().filter(a -> a.locationId().equals(location)).toList(), now,
					rules.pickMinutes());
		}
		// Capacity last: its row is the one concurrent decisions for the same location
		// wait for, so it is held for the shortest time before the commit
		for (LocationId location : decision.locations()) {
			CapacityStore.State state = routed.states().getOrDefault(location, CapacityStore.State.DEFAULT);
			int lines = (int) decision.assignments().stream().filter(a -> a.locationId().equals(location)).count();
			LocalDate day = routed.days().get(location);
			if (!capacity.take(location, day, 1, lines, state.maxOrders(rules.dailyOrders()),
					state.maxLines(rules.dailyLines()))) {
				throw new Attempts.Taken(location.value());
			}
		}
		events.publishEvent(new FulfilmentRouted(fulfilment.id(), fulfilment.channelId(), fulfilment.reference(),
				fulfilment.customer(), fulfilment.method(), decision.assignments(), now));
		if (fulfilment.customer() != null) {
			events.publishEvent(new CustomerActivity(fulfilment.customer(), now, "fulfilment.routed",
					fulfilment.channelId().value(),
					fulfilment.reference() + " routed: " + decision.parcels() + " parcel(s) from "
							+ String.join(", ", decision.locations().stream().map(LocationId::value).toList()),
					fulfilment.id().value()));
		}
		return fulfilment;
	}

	private Decider.Routed decide(FulfilmentRequest request, Instant now) {
		checkReference(request.reference());
		List<Planner.Need> needs = needs(request.lines());
		Location pickup = null;
		Coordinates destination = request.destination();
		if (request.method().atStore()) {
			pickup = pickupStore(request, now);
			destination = pickup.coordinates();
		}
		else if (destination == null) {
			throw ProblemException.invalidField("destination", "is required to " + request.method());
		}
		try {
			// A booked same-day slot is delivered by its store
			LocationId only = request.method() == FulfilmentMethod.SAME_DAY
					? slots.booking(request.channelId(), request.reference().strip())
						.map(SameDayBooking::locationId)
						.orElse(null)
					: null;
			return router.decide(request.channelId(), request.method(), destination, pickup, needs, only, now);
		}
		catch (Planner.Unservable ex) {
			Planner.Need need = needs.get(ex.index());
			throw new ProblemException(ProblemType.INSUFFICIENT_STOCK,
					"No location that can " + request.method() + " has " + need.quantity() + " × " + need.sku()
							+ " for this channel, even split across locations (" + ex.available() + " can be had)",
					List.of(new FieldError("lines[" + need.lineNo() + "].quantity",
							"is more than the " + ex.available() + " units that can be had")))
				.with("sku", need.sku().value())
				.with("requested", need.quantity())
				.with("available", ex.available());
		}
	}

	private Location pickupStore(FulfilmentRequest request, Instant now) {
		LocationId id = request.pickupLocationId();
		if (id == null) {
			throw ProblemException.invalidField("pickupLocationId", "is required to " + request.method());
		}
		Location store = locations.find(id)
			.orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No location with id '" + id + "'",
					List.of(new FieldError("pickupLocationId", "is not a known location"))));
		Capability needed = request.method() == FulfilmentMethod.CURBSIDE ? Capability.CURBSIDE : Capability.PICKUP;
		if (!store.can(needed)) {
			throw closed(store, "does not offer " + needed);
		}
		CapacityStore.State state = capacity.states(Map.of(id, now.atZone(store.timeZone()).toLocalDate()))
			.getOrDefault(id, CapacityStore.State.DEFAULT);
		if (!state.active()) {
			throw closed(store, "is not active");
		}
		if (!Decider.isOpen(store, now)) {
			throw closed(store, "is closed today");
		}
		return store;
	}

	private static ProblemException closed(Location store, String why) {
		return new ProblemException(ProblemType.CONFLICT,
				"Location " + store.id() + " (" + store.name() + ") " + why + " and cannot be routed to",
				List.of(new FieldError("pickupLocationId", why)))
			.with("locationId", store.id().value());
	}

	private static List<Planner.Need> needs(List<FulfilmentRequest.Line> lines) {
		if (lines.isEmpty() || lines.size() > FulfilmentRequest.MAX_LINES) {
			throw ProblemException.invalidField("lines", "must hold 1 to " + FulfilmentRequest.MAX_LINES + " lines");
		}
		Set<Sku> seen = new HashSet<>();
		List<Planner.Need> needs = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			FulfilmentRequest.Line line = lines.get(i);
			if (line.quantity() < 1 || line.quantity() > Inventory.MAX_QUANTITY) {
				throw ProblemException.invalidField("lines[" + i + "].quantity",
						"must be between 1 and " + Inventory.MAX_QUANTITY);
			}
			if (!seen.add(line.sku())) {
				throw ProblemException.invalidField("lines[" + i + "].sku",
						"appears on another line; give each SKU once with the whole quantity");
			}
			needs.add(new Planner.Need(i, line.sku(), line.quantity()));
		}
		return needs;
	}

	private static void checkReference(@Nullable String reference) {
		String stripped = reference == null ? "" : reference.strip();
		if (stripped.isEmpty() || stripped.length() > MAX_REFERENCE
				|| stripped.chars().anyMatch(Character::isISOControl)) {
			throw ProblemException.invalidField("reference", "must be 1 to " + MAX_REFERENCE + " printable characters");
		}
	}

	/** The committed fulfilment, or a 404 problem. */
	public Fulfilment get(String id) {
		if (!FulfilmentId.isValid(id)) {
			throw new NotFoundException("fulfilment", id);
		}
		return readOnly.execute(status -> store.find(new FulfilmentId(id), false))
			.orElseThrow(() -> new NotFoundException("fulfilment", id));
	}

}
