package io.omnis.fulfilment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.fulfilment.internal.FulfilmentStore;
import io.omnis.fulfilment.internal.PickupCodes;
import io.omnis.fulfilment.internal.PickupProperties;
import io.omnis.fulfilment.internal.PickupStore;
import io.omnis.fulfilment.internal.PickupTokens;
import io.omnis.fulfilment.internal.TaskStore;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Locations;
import io.omnis.inventory.Reservation;
import io.omnis.inventory.ReservationLine;
import io.omnis.inventory.ReservationStatus;
import io.omnis.inventory.Reservations;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.Actor;

/**
 * Click and collect at the counter: the customer's code (one active per pickup, single
 * use, kept hashed; a new one replaces the old), handing over all or part of what waits
 * for her (the rest kept for later or returned to stock), her arrival at the curb, and
 * the end of the hold period. Each change locks the pickup row, so two associates (or
 * nodes) never hand over the same units twice.
 */
@Service
@Transactional
public class Pickups {

	/** Longest parking-spot description a customer may give. */
	public static final int MAX_SPOT = 40;

	private static final int EXPIRY_BATCH = 50;

	private final PickupStore store;

	private final FulfilmentStore fulfilments;

	private final TaskStore tasks;

	private final Reservations reservations;

	private final Locations locations;

	private final PickupTokens tokens;

	private final PickupProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Pickups(PickupStore store, FulfilmentStore fulfilments, TaskStore tasks, Reservations reservations,
			Locations locations, PickupTokens tokens, PickupProperties properties, ApplicationEventPublisher events,
			Clock clock) {
		this.store = store;
		this.fulfilments = fulfilments;
		this.tasks = tasks;
		this.reservations = reservations;
		this.locations = locations;
		this.tokens = tokens;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/** What the associate does with the units the customer does not take now. */
	public enum Remainder {

		/** They keep waiting for her, for the same code. */
		KEEP,
		/** They go back to stock and the pickup is closed. */
		RETURN

	}

	/** Units of a SKU to hand over. */
	public record Wanted(@Nullable String sku, @Nullable Integer quantity) {
	}

	/**
	 * A new code for a ready pickup; the one before it no longer works.
	 *
	 * @param link the customer's page: the code as text and QR, and (curbside) "I have
	 * arrived"
	 */
	public record IssuedCode(String code, String link, Pickup pickup) {
	}

	public Optional<Pickup> find(FulfilmentId id) {
		return store.find(id, false).map(this::view);
	}

	public Pickup get(String fulfilmentId) {
		if (!FulfilmentId.isValid(fulfilmentId)) {
			throw new NotFoundException("pickup", fulfilmentId);
		}
		return find(new FulfilmentId(fulfilmentId)).orElseThrow(() -> new NotFoundException("pickup", fulfilmentId));
	}

	/** Issues a code for a ready pickup (replacing any earlier one), for the customer. */
	public IssuedCode issueCode(FulfilmentId id) {
		PickupStore.Row row = store.find(id, true).orElseThrow(() -> new NotFoundException("pickup", id.value()));
		if (row.status() != Pickup.Status.READY) {
			throw ProblemException.conflict("Pickup " + id + " is " + row.status() + ": no code is issued for it")
				.with("pickupStatus", row.status().name());
		}
		String code;
		do {
			code = PickupCodes.next();
		}
		while (store.codeExists(PickupCodes.hash(code)));
		store.replaceCode(id, PickupCodes.hash(code), clock.instant());
		String token = tokens.issue(id, code, row.holdUntil().plus(java.time.Duration.ofDays(1)));
		return new IssuedCode(code, properties.baseUrl() + "/pickup/" + token, view(row));
	}

	/** The pickup the code opens at this store, changing nothing. */
	@Transactional(readOnly = true)
	public Pickup check(String locationId, @Nullable String code) {
		Location location = locations.get(locationId);
		return view(opened(location.id(), PickupCodes.normalized(code, "code"), false));
	}

	/**
	 * Hands over what the customer takes: every unit waiting when {@code lines} is empty.
	 * Once nothing waits (or the rest is returned) the collected units are sold where
	 * they were held, the rest let go, the counter's task done and
	 * {@link FulfilmentHandedOver} published.
	 */
	public Pickup handOver(String locationId, @Nullable String code, @Nullable List<Wanted> lines,
			@Nullable Remainder remainder) {
		Location location = locations.get(locationId);
		String normalized = PickupCodes.normalized(code, "code");
		List<Wanted> wanted = lines == null ? List.of() : lines;
		if (wanted.size() > 100) {
			throw ProblemException.invalidField("lines", "must have at most 100 lines");
		}
		PickupStore.Row row = opened(location.id(), normalized, true);
		Fulfilment fulfilment = fulfilments.find(row.fulfilmentId(), true).orElseThrow();
		Map<String, Integer> collected = store.collected(row.fulfilmentId());
		Map<String, Integer> take = units(fulfilment, collected, wanted);
		Instant now = clock.instant();
		String by = Actor.current();
		int handed = 0;
		for (Allocation allocation : fulfilment.active()) {
			int units = take.getOrDefault(allocation.id(), 0);
			if (units > 0) {
				store.handOver(row.fulfilmentId(), allocation.id(), allocation.sku().value(), units, by, now);
				collected.merge(allocation.id(), units, Integer::sum);
				handed += units;
			}
		}
		int left = fulfilment.active().stream().mapToInt(a -> a.quantity() - collected.getOrDefault(a.id(), 0)).sum();
		int returned = 0;
		if (left == 0 || remainder == Remainder.RETURN) {
			returned = left;
			close(fulfilment, collected, Pickup.Status.COLLECTED, "USED", now);
			left = 0;
		}
		events.publishEvent(new PickupCollected(fulfilment.id(), fulfilment.channelId(), fulfilment.reference(),
				fulfilment.customer(), row.locationId(), handed, left, returned, by, now));
		return view(store.find(row.fulfilmentId(), false).orElseThrow());
	}

	/**
	 * The curbside customer's link says she has arrived, and where she parked. Her store
	 * sees it on its work page.
	 */
	public Pickup arrive(String token, @Nullable String parkingSpot) {
		PickupTokens.Link link = link(token);
		String spot = parkingSpot == null ? "" : parkingSpot.strip();
		if (spot.isEmpty() || spot.length() > MAX_SPOT
				|| !spot.chars().allMatch(c -> Character.isLetterOrDigit(c) || " -#.,/".indexOf(c) >= 0)) {
			throw ProblemException.invalidField("parkingSpot", "must be 1 to " + MAX_SPOT
					+ " letters, digits, spaces or - # . , / (the bay number, or the car's colour and make)");
		}
		PickupStore.Row row = store.find(link.fulfilmentId(), true).orElseThrow();
		if (row.status() != Pickup.Status.READY) {
			throw new ProblemException(ProblemType.CONFLICT, "This order is no longer waiting to be collected",
					List.of(new FieldError("token", "is for a pickup that is " + row.status())));
		}
		Instant now = clock.instant();
		store.arrived(row.fulfilmentId(), spot, now);
		Fulfilment fulfilment = fulfilments.find(row.fulfilmentId(), false).orElseThrow();
		events.publishEvent(new CustomerArrived(row.fulfilmentId(), fulfilment.reference(), fulfilment.customer(),
				row.locationId(), spot, now));
		return view(store.find(row.fulfilmentId(), false).orElseThrow());
	}

	/**
	 * The pickup and code of a customer's link, or a problem: 404 for a link that is not
	 * ours, 410 for one past its time or whose code was replaced.
	 */
	@Transactional(readOnly = true)
	public Linked linked(String token) {
		PickupTokens.Link link = link(token);
		PickupStore.Code code = store.code(PickupCodes.hash(link.code())).orElseThrow();
		return new Linked(view(store.find(link.fulfilmentId(), false).orElseThrow()), link.code(), code.status());
	}

	/** A customer's link: the pickup, her code and whether it still opens it. */
	public record Linked(Pickup pickup, String code, String codeStatus) {
	}

	/** Ready pickups of the store whose customer arrived, longest waiting first. */
	@Transactional(readOnly = true)
	public List<Pickup> arrivals(String locationId) {
		Location location = locations.get(locationId);
		return store.arrivals(location.id(), 50).stream().map(id -> view(store.find(id, false).orElseThrow())).toList();
	}

	/**
	 * Closes up to a batch of ready pickups past their hold period: what was not
	 * collected goes back to stock ({@link PickupExpired}). Pickups another node is
	 * closing are skipped, not waited for.
	 * @return how many were closed
	 */
	public int expireDue() {
		Instant now = clock.instant();
		List<FulfilmentId> due = store.lockDue(now, EXPIRY_BATCH);
		for (FulfilmentId id : due) {
			Fulfilment fulfilment = fulfilments.find(id, true).orElseThrow();
			Map<String, Integer> collected = store.collected(id);
			int taken = collected.values().stream().mapToInt(Integer::intValue).sum();
			int total = fulfilment.active().stream().mapToInt(Allocation::quantity).sum();
			close(fulfilment, collected, Pickup.Status.EXPIRED, "EXPIRED", now);
			PickupStore.Row row = store.find(id, false).orElseThrow();
			events.publishEvent(new PickupExpired(id, fulfilment.channelId(), fulfilment.reference(),
					fulfilment.customer(), row.locationId(), taken, total - taken, now));
		}
		return due.size();
	}

	/**
	 * The fulfilment was called off: its pickup (if ready) is closed and its code ends. A
	 * pickup of which the customer already took part cannot be called off (409).
	 */
	public void withdraw(FulfilmentId id, Instant now) {
		store.find(id, true).filter(row -> row.status() == Pickup.Status.READY).ifPresent(row -> {
			if (!store.collected(id).isEmpty()) {
				throw ProblemException.conflict(
						"The customer already collected part of fulfilment " + id + ": it can no longer be called off");
			}
			store.close(id, Pickup.Status.WITHDRAWN, now);
			store.endCodes(id, "EXPIRED", now);
		});
	}

	/**
	 * Sells the collected units where they were held and lets the rest go, finishes the
	 * work and closes the pickup.
	 */
	private void close(Fulfilment fulfilment, Map<String, Integer> collected, Pickup.Status status, String codeStatus,
			Instant now) {
		Reservation held = reservations.get(fulfilment.reservationId().value());
		Map<String, ReservationLine> sold = new LinkedHashMap<>();
		for (Allocation a : fulfilment.active()) {
			int units = collected.getOrDefault(a.id(), 0);
			if (units > 0) {
				String key = a.sku().value() + "@" + a.locationId().value();
				ReservationLine before = sold.get(key);
				sold.put(key,
						ReservationLine.of(a.sku(), a.locationId(), units + (before == null ? 0 : before.quantity())));
			}
		}
		boolean anySold = !sold.isEmpty();
		if (held.status() == ReservationStatus.HELD) {
			if (!anySold) {
				reservations.release(held.id());
			}
			else {
				if (!sameLines(held.lines(), sold.values())) {
					reservations.adjust(held.id(), List.copyOf(sold.values()), null);
				}
				reservations.consume(held.id());
			}
		}
		for (WorkTask task : tasks.ofFulfilment(fulfilment.id())) {
			if (task.status() == WorkTask.Status.OPEN) {
				tasks.finish(task.id(), anySold && task.kind() == WorkTask.Kind.HAND_OVER ? WorkTask.Status.DONE
						: WorkTask.Status.CANCELLED, now);
			}
		}
		store.close(fulfilment.id(), status, now);
		store.endCodes(fulfilment.id(), codeStatus, now);
		if (anySold) {
			events.publishEvent(new FulfilmentHandedOver(fulfilment.id(), fulfilment.channelId(),
					fulfilment.reference(), held.id(), now));
		}
	}

	private static boolean sameLines(List<ReservationLine> held, java.util.Collection<ReservationLine> sold) {
		Set<String> a = new HashSet<>();
		held.forEach(l -> a.add(l.sku().value() + "@" + l.locationId().value() + "=" + l.quantity()));
		Set<String> b = new HashSet<>();
		sold.forEach(l -> b.add(l.sku().value() + "@" + l.locationId().value() + "=" + l.quantity()));
		return a.equals(b);
	}

	/** The units to take from each allocation, checked against what still waits. */
	private static Map<String, Integer> units(Fulfilment fulfilment, Map<String, Integer> collected,
			List<Wanted> wanted) {
		Map<String, Integer> take = new LinkedHashMap<>();
		if (wanted.isEmpty()) {
			for (Allocation a : fulfilment.active()) {
				take.put(a.id(), a.quantity() - collected.getOrDefault(a.id(), 0));
			}
			return take;
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < wanted.size(); i++) {
			Wanted line = wanted.get(i);
			String field = "lines[" + i + "]";
			if (line == null || line.sku() == null || line.sku().isBlank()) {
				throw ProblemException.invalidField(field + ".sku", "is required");
			}
			String sku = line.sku().strip();
			if (!seen.add(sku)) {
				throw ProblemException.invalidField(field + ".sku", "'" + abbreviate(sku) + "' is given twice");
			}
			List<Allocation> of = fulfilment.active().stream().filter(a -> a.sku().value().equals(sku)).toList();
			if (of.isEmpty()) {
				throw ProblemException.invalidField(field + ".sku", "'" + abbreviate(sku) + "' is not in this pickup");
			}
			int waiting = of.stream().mapToInt(a -> a.quantity() - collected.getOrDefault(a.id(), 0)).sum();
			Integer quantity = line.quantity();
			if (quantity == null || quantity < 1 || quantity > waiting) {
				throw ProblemException
					.invalidField(field + ".quantity",
							waiting == 0 ? "cannot be given: every unit of '" + abbreviate(sku) + "' was collected"
									: "must be between 1 and " + waiting + " (the units of '" + abbreviate(sku)
											+ "' still waiting)")
					.with("waiting", waiting);
			}
			int rest = quantity;
			for (Allocation a : of) {
				int units = Math.min(rest, a.quantity() - collected.getOrDefault(a.id(), 0));
				if (units > 0) {
					take.put(a.id(), units);
					rest -= units;
				}
			}
		}
		return take;
	}

	/**
	 * The pickup the code opens at the location: 422 naming {@code code} for a code that
	 * is unknown, replaced or for another store; 409 for a code already used or a pickup
	 * no longer waiting.
	 */
	private PickupStore.Row opened(LocationId location, String code, boolean lock) {
		PickupStore.Code found = store.code(PickupCodes.hash(code))
			.orElseThrow(() -> invalidCode("is not a pickup code: check it with the customer's message"));
		PickupStore.Row row = store.find(found.fulfilmentId(), lock).orElseThrow();
		if (!row.locationId().equals(location)) {
			throw invalidCode("is the code of an order to collect at another store");
		}
		if (lock) {
			// Read again under the pickup's lock: another counter may have closed it
			// meanwhile
			found = store.code(PickupCodes.hash(code)).orElseThrow();
		}
		switch (found.status()) {
			case "REPLACED" -> throw invalidCode("was replaced by a newer code: ask for the latest message");
			case "USED" -> throw new ProblemException(ProblemType.CONFLICT,
					"This code was used already: the order was collected at " + row.closedAt(),
					List.of(new FieldError("code", "was used already")));
			case "EXPIRED" -> throw new ProblemException(ProblemType.CONFLICT,
					"This order is no longer waiting: it is " + row.status(),
					List.of(new FieldError("code", "is for a pickup that is " + row.status())));
			default -> {
			}
		}
		if (row.status() != Pickup.Status.READY) {
			throw new ProblemException(ProblemType.CONFLICT, "This order is no longer waiting: it is " + row.status(),
					List.of(new FieldError("code", "is for a pickup that is " + row.status())));
		}
		return row;
	}

	private PickupTokens.Link link(@Nullable String token) {
		PickupTokens.Link link = token == null ? null : tokens.read(token).orElse(null);
		if (link == null) {
			throw new NotFoundException("pickup link", "given");
		}
		if (!link.until().isAfter(clock.instant())) {
			throw new ProblemException(ProblemType.LINK_EXPIRED, "This link has expired",
					List.of(new FieldError("token", "expired at " + link.until())));
		}
		return link;
	}

	private static ProblemException invalidCode(String message) {
		return new ProblemException(ProblemType.INVALID_CODE, "Field 'code' " + message,
				List.of(new FieldError("code", message)));
	}

	private Pickup view(PickupStore.Row row) {
		Fulfilment fulfilment = fulfilments.find(row.fulfilmentId(), false).orElseThrow();
		Map<String, Integer> collected = store.collected(row.fulfilmentId());
		Map<String, int[]> bySku = new LinkedHashMap<>();
		for (Allocation a : fulfilment.active()) {
			int[] units = bySku.computeIfAbsent(a.sku().value(), sku -> new int[2]);
			units[0] += a.quantity();
			units[1] += collected.getOrDefault(a.id(), 0);
		}
		List<Pickup.Line> lines = new ArrayList<>();
		bySku.forEach((sku, units) -> lines.add(new Pickup.Line(sku, units[0], units[1])));
		return new Pickup(row.fulfilmentId(), fulfilment.channelId(), fulfilment.reference(), fulfilment.customer(),
				row.locationId(), row.method(), row.status(), row.readyAt(), row.holdUntil(), row.arrivedAt(),
				row.parkingSpot(), row.closedAt(), lines, store.handOvers(row.fulfilmentId()));
	}

	private static String abbreviate(String value) {
		return value.length() <= 64 ? value : value.substring(0, 64) + "…";
	}

}
