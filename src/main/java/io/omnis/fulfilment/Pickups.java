package io.omnis.fulfilment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.fulfilment.internal.FulfilmentStore;
import io.omnis.fulfilment.internal.HandOverLines;
import io.omnis.fulfilment.internal.PickupClosing;
import io.omnis.fulfilment.internal.PickupCodes;
import io.omnis.fulfilment.internal.PickupCounter;
import io.omnis.fulfilment.internal.PickupProperties;
import io.omnis.fulfilment.internal.PickupStore;
import io.omnis.fulfilment.internal.PickupTokens;
import io.omnis.fulfilment.internal.PickupViews;
import io.omnis.inventory.Location;
import io.omnis.inventory.Locations;
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
 * nodes) never hand over the same units twice. The code check at the counter is
 * {@code PickupCounter}'s, the lines asked for {@code HandOverLines}', closing a pickup
 * (selling, letting go, finishing its work) {@code PickupClosing}'s.
 */
@Service
@Transactional
public class Pickups {

	/** Longest parking-spot description a customer may give. */
	public static final int MAX_SPOT = 40;

	private static final int EXPIRY_BATCH = 50;

	private final PickupStore store;

	private final FulfilmentStore fulfilments;

	private final Locations locations;

	private final PickupTokens tokens;

	private final PickupProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final PickupClosing closing;

	private final PickupViews views;

	private final PickupCounter counter;

	Pickups(PickupStore store, FulfilmentStore fulfilments, Locations locations, PickupTokens tokens,
			PickupProperties properties, ApplicationEventPublisher events, Clock clock, PickupClosing closing,
			PickupViews views, PickupCounter counter) {
		this.store = store;
		this.fulfilments = fulfilments;
		this.locations = locations;
		this.closing = closing;
		this.views = views;
		this.counter = counter;
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
		return store.find(id, false).map(views::of);
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
		return new IssuedCode(code, properties.baseUrl() + "/pickup/" + token, views.of(row));
	}

	/** The pickup the code opens at this store, changing nothing. */
	@Transactional(readOnly = true)
	public Pickup check(String locationId, @Nullable String code) {
		Location location = locations.get(locationId);
		return views.of(counter.opened(location.id(), PickupCodes.normalized(code, "code"), false));
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
		PickupStore.Row row = counter.opened(location.id(), normalized, true);
		Fulfilment fulfilment = fulfilments.find(row.fulfilmentId(), true).orElseThrow();
		Map<String, Integer> collected = store.collected(row.fulfilmentId());
		Map<String, Integer> take = HandOverLines.units(fulfilment, collected, wanted);
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
			closing.close(fulfilment, collected, Pickup.Status.COLLECTED, "USED", now);
			left = 0;
		}
		events.publishEvent(new PickupCollected(fulfilment.id(), fulfilment.channelId(), fulfilment.reference(),
				fulfilment.customer(), row.locationId(), handed, left, returned, by, now));
		return views.of(store.find(row.fulfilmentId(), false).orElseThrow());
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
		return views.of(store.find(row.fulfilmentId(), false).orElseThrow());
	}

	/**
	 * The pickup and code of a customer's link, or a problem: 404 for a link that is not
	 * ours, 410 for one past its time or whose code was replaced.
	 */
	@Transactional(readOnly = true)
	public Linked linked(String token) {
		PickupTokens.Link link = link(token);
		PickupStore.Code code = store.code(PickupCodes.hash(link.code())).orElseThrow();
		return new Linked(views.of(store.find(link.fulfilmentId(), false).orElseThrow()), link.code(), code.status());
	}

	/** A customer's link: the pickup, her code and whether it still opens it. */
	public record Linked(Pickup pickup, String code, String codeStatus) {
	}

	/** Ready pickups of the store whose customer arrived, longest waiting first. */
	@Transactional(readOnly = true)
	public List<Pickup> arrivals(String locationId) {
		Location location = locations.get(locationId);
		return store.arrivals(location.id(), 50)
			.stream()
			.map(id -> views.of(store.find(id, false).orElseThrow()))
			.toList();
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
			closing.close(fulfilment, collected, Pickup.Status.EXPIRED, "EXPIRED", now);
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

}
