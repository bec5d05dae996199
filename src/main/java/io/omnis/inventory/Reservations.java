package io.omnis.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.internal.ReservationStore;
import io.omnis.inventory.internal.StockLedger;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.Actor;

/**
 * Holds stock for carts and orders. A reservation holds all its lines or none; each line
 * is decided by one conditional UPDATE of its stock row, and rows are locked in one order
 * by every transaction so that carts sharing SKUs never deadlock.
 */
@Service
@Transactional
public class Reservations {

	public static final Duration MAX_TTL = Duration.ofDays(7);

	public static final int MAX_LINES = 100;

	static final int MAX_REFERENCE = 100;

	private final ReservationStore store;

	private final StockLedger ledger;

	private final Locations locations;

	private final Clock clock;

	private final TransactionTemplate transactions;

	Reservations(ReservationStore store, StockLedger ledger, Locations locations, Clock clock,
			TransactionTemplate transactions) {
		this.store = store;
		this.transactions = transactions;
		this.ledger = ledger;
		this.locations = locations;
		this.clock = clock;
	}

	/**
	 * Holds every line for the channel until the time to live has passed, or nothing.
	 * Lines for the same SKU at the same location (a bundle's shared component) are held
	 * together. Joins the caller's transaction when there is one; a single line asked for
	 * outside any transaction is one statement that commits by itself.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Reservation reserve(ChannelId channel, String reference, ReservationKind kind, Duration ttl,
			List<ReservationLine> lines) {
		String checkedReference = reference(reference);
		checkTtl(ttl);
		if (lines.size() == 1 && !TransactionSynchronizationManager.isActualTransactionActive()) {
			return reserveAlone(channel, checkedReference, kind, ttl, lines.getFirst());
		}
		return Objects
			.requireNonNull(transactions.execute(status -> reserveLines(channel, checkedReference, kind, ttl, lines)));
	}

	/**
	 * A reservation of one line in autocommit: the stock row is locked from the
	 * statement's UPDATE to its commit inside the database, never across a round trip to
	 * this node (ADR 0018). The location is checked only when the hold is refused: no
	 * stock row exists at an unknown location.
	 */
	private Reservation reserveAlone(ChannelId channel, String reference, ReservationKind kind, Duration ttl,
			ReservationLine line) {
		String field = "lines[0].quantity";
		checkQuantity(line.quantity(), field);
		Instant now = clock.instant();
		ReservationId id = ReservationId.next();
		Reservation header = new Reservation(id, channel, reference, kind, ReservationStatus.HELD, List.of(),
				now.plus(ttl), now, now);
		OptionalInt fromAllocation = ledger.reserveAlone(header, line.sku(), line.locationId(), line.quantity(),
				Actor.current());
		if (fromAllocation.isEmpty()) {
			checkLine(line, 0, locations.existing(Set.of(line.locationId())));
			throw ledger.refusal(line.sku(), line.locationId(), line.quantity(), channel, field);
		}
		return new Reservation(id, channel, reference, kind, ReservationStatus.HELD,
				List.of(new ReservationLine(line.sku(), line.locationId(), line.quantity(), fromAllocation.getAsInt())),
				now.plus(ttl), now, now);
	}

	/**
	 * Holds every line, or nothing, as the last statements of the caller's transaction,
	 * right before its commit (after everything else the transaction writes, an answer
	 * stored for an idempotency key included): the stock rows are then locked for those
	 * statements and the commit only (ADR 0023). The lines are checked now and the
	 * reservation's id is known now; a refused line rolls the whole transaction back and
	 * is thrown, turned by {@code blame} into the caller's problem, from the commit.
	 * Nothing in the transaction may read the reservation before it commits.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public ReservationId reserveAtCommit(ChannelId channel, String reference, ReservationKind kind, Duration ttl,
			List<ReservationLine> lines, UnaryOperator<ProblemException> blame) {
		String checkedReference = reference(reference);
		checkTtl(ttl);
		List<Wanted> wanted = merge(lines);
		ReservationId id = ReservationId.next();
		Instant now = clock.instant();
		String actor = Actor.current();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void beforeCommit(boolean readOnly) {
				try {
					hold(id, channel, checkedReference, kind, ttl, wanted, now, actor);
				}
				catch (ProblemException refused) {
					throw blame.apply(refused);
				}
			}

		});
		return id;
	}

	private Reservation reserveLines(ChannelId channel, String checkedReference, ReservationKind kind, Duration ttl,
			List<ReservationLine> lines) {
		return hold(ReservationId.next(), channel, checkedReference, kind, ttl, merge(lines), clock.instant(),
				Actor.current());
	}

	private Reservation hold(ReservationId id, ChannelId channel, String checkedReference, ReservationKind kind,
			Duration ttl, List<Wanted> wanted, Instant now, String actor) {
		// One statement for every line: the stock rows' conditional UPDATEs, the
		// movements, the reservation and its lines, all or nothing
		Reservation header = new Reservation(id, channel, checkedReference, kind, ReservationStatus.HELD, List.of(),
				now.plus(ttl), now, now);
		List<Integer> fromAllocation = ledger.reserveAll(header,
				wanted.stream()
					.map(want -> new StockLedger.Line(want.line().sku(), want.line().locationId(),
							want.line().quantity(), want.field()))
					.toList(),
				actor);
		List<ReservationLine> held = new ArrayList<>();
		for (int i = 0; i < wanted.size(); i++) {
			ReservationLine line = wanted.get(i).line();
			held.add(new ReservationLine(line.sku(), line.locationId(), line.quantity(), fromAllocation.get(i)));
		}
		return new Reservation(id, channel, checkedReference, kind, ReservationStatus.HELD, held, now.plus(ttl), now,
				now);
	}

	/**
	 * Changes the held quantities to the given lines by the difference only: a line that
	 * grows holds just the extra units, one that shrinks lets go of the surplus, a line
	 * left out is released. A new time to live, when given, restarts the clock.
	 */
	public Reservation adjust(ReservationId id, List<ReservationLine> lines, @Nullable Duration ttl) {
		if (ttl != null) {
			checkTtl(ttl);
		}
		Instant now = clock.instant();
		Reservation reservation = lock(id).requireHeld(now, "adjusted");
		// Checked before any stock moves; adjusted() checks again when the result is
		// built
		Map<ReservationLine, Wanted> wanted = new TreeMap<>(ReservationLine.LOCK_ORDER);
		merge(lines).forEach(want -> wanted.put(want.line(), want));
		Map<ReservationLine, ReservationLine> current = new TreeMap<>(ReservationLine.LOCK_ORDER);
		reservation.lines().forEach(line -> current.put(line, line));
		Set<ReservationLine> stocks = new TreeSet<>(ReservationLine.LOCK_ORDER);
		stocks.addAll(wanted.keySet());
		stocks.addAll(current.keySet());
		String actor = Actor.current();
		List<ReservationLine> adjusted = new ArrayList<>();
		for (ReservationLine stock : stocks) {
			ReservationLine before = current.getOrDefault(stock,
					ReservationLine.of(stock.sku(), stock.locationId(), 0));
			Wanted want = wanted.get(stock);
			int target = want == null ? 0 : want.line().quantity();
			int fromAllocation = before.fromAllocation();
			if (target > before.quantity()) {
				fromAllocation += ledger.hold(stock.sku(), stock.locationId(), target - before.quantity(),
						reservation.channelId(), id.value(), actor, want.field(), fromAllocated -> {
						});
			}
			else if (target < before.quantity()) {
				int surplus = before.quantity() - target;
				// Units every channel may sell go back first; the channel keeps its own
				int toAllocation = Math.max(0, surplus - (before.quantity() - before.fromAllocation()));
				ledger.release(stock.sku(), stock.locationId(), surplus, toAllocation, reservation.channelId(),
						"adjusted", id.value(), actor);
				fromAllocation -= toAllocation;
			}
			if (target > 0) {
				adjusted.add(new ReservationLine(stock.sku(), stock.locationId(), target, fromAllocation));
			}
		}
		Reservation changed = reservation.adjusted(adjusted, ttl == null ? reservation.expiresAt() : now.plus(ttl),
				now);
		store.update(changed);
		return changed;
	}

	/**
	 * Lets every held unit go. Releasing a reservation that no longer holds stock changes
	 * nothing; a consumed one cannot be released.
	 */
	public Reservation release(ReservationId id) {
		Reservation reservation = lock(id);
		if (reservation.status() == ReservationStatus.CONSUMED) {
			throw ProblemException.conflict("Reservation " + id + " was consumed and can no longer be released");
		}
		if (reservation.status() != ReservationStatus.HELD) {
			return reservation;
		}
		Reservation released = reservation.released(clock.instant());
		String actor = Actor.current();
		for (ReservationLine line : released.linesInLockOrder()) {
			ledger.release(line.sku(), line.locationId(), line.quantity(), line.fromAllocation(), released.channelId(),
					"released", id.value(), actor);
		}
		store.updateStatus(released);
		return released;
	}

	/**
	 * Sells what the reservation holds: on hand and reserved go down at the very
	 * locations that hold the units, never elsewhere.
	 */
	public Reservation consume(ReservationId id) {
		Instant now = clock.instant();
		Reservation consumed = lock(id).consumed(now); // refused before any stock moves
		String actor = Actor.current();
		for (ReservationLine line : consumed.linesInLockOrder()) {
			ledger.consume(line.sku(), line.locationId(), line.quantity(), line.fromAllocation(), consumed.channelId(),
					id.value(), actor);
		}
		store.updateStatus(consumed);
		return consumed;
	}

	@Transactional(readOnly = true)
	public Reservation get(String id) {
		if (!ReservationId.isValid(id)) {
			throw new NotFoundException("reservation", id);
		}
		return store.find(new ReservationId(id), false).orElseThrow(() -> new NotFoundException("reservation", id));
	}

	/**
	 * Expires up to {@code limit} held reservations past their time, freeing their stock.
	 * Reservations another node is expiring at the same moment are skipped, not waited
	 * for, so any number of nodes may run this at once.
	 * @return how many were expired
	 */
	public int expireDue(int limit) {
		Instant now = clock.instant();
		List<Reservation> due = store.lockDue(now, limit)
			.stream()
			.map(id -> store.find(id, false).orElseThrow())
			.toList();
		// All lines of the batch in the one lock order, whichever reservation they belong
		// to
		record Held(Reservation reservation, ReservationLine line) {
		}
		due.stream()
			.flatMap(r -> r.lines().stream().map(line -> new Held(r, line)))
			.sorted(Comparator.comparing(Held::line, ReservationLine.LOCK_ORDER))
			.forEach(held -> ledger.release(held.line().sku(), held.line().locationId(), held.line().quantity(),
					held.line().fromAllocation(), held.reservation().channelId(), "expired",
					held.reservation().id().value(), "system"));
		due.forEach(r -> store.updateStatus(r.expired(now)));
		return due.size();
	}

	private Reservation lock(ReservationId id) {
		return store.find(id, true).orElseThrow(() -> new NotFoundException("reservation", id.value()));
	}

	/**
	 * The lines checked and merged, one per SKU and location, in lock order; each names
	 * the first request line that asked for it.
	 */
	private List<Wanted> merge(List<ReservationLine> lines) {
		if (lines.isEmpty() || lines.size() > MAX_LINES) {
			throw ProblemException.invalidField("lines", "must hold 1 to " + MAX_LINES + " lines");
		}
		Set<LocationId> known = locations
			.existing(lines.stream().map(ReservationLine::locationId).collect(Collectors.toSet()));
		Map<ReservationLine, Wanted> merged = new TreeMap<>(ReservationLine.LOCK_ORDER);
		for (int i = 0; i < lines.size(); i++) {
			ReservationLine line = lines.get(i);
			String field = "lines[" + i + "].quantity";
			checkLine(line, i, known);
			Wanted earlier = merged.get(line);
			long quantity = (long) line.quantity() + (earlier == null ? 0 : earlier.line().quantity());
			if (quantity > Inventory.MAX_QUANTITY) {
				throw ProblemException.invalidField(field,
						"adds up to more than " + Inventory.MAX_QUANTITY + " with the other lines of this SKU");
			}
			merged.put(line, new Wanted(ReservationLine.of(line.sku(), line.locationId(), (int) quantity),
					earlier == null ? field : earlier.field()));
		}
		return List.copyOf(merged.values());
	}

	/** Refuses a line with a quantity out of range or at an unknown location. */
	private static void checkLine(ReservationLine line, int index, Set<LocationId> known) {
		checkQuantity(line.quantity(), "lines[" + index + "].quantity");
		if (!known.contains(line.locationId())) {
			throw new ProblemException(ProblemType.NOT_FOUND, "No location with id '" + line.locationId() + "'",
					List.of(new FieldError("lines[" + index + "].locationId", "is not a known location")));
		}
	}

	private static void checkQuantity(int quantity, String field) {
		if (quantity < 1 || quantity > Inventory.MAX_QUANTITY) {
			throw ProblemException.invalidField(field, "must be between 1 and " + Inventory.MAX_QUANTITY);
		}
	}

	private static String reference(String reference) {
		String stripped = reference.strip();
		if (stripped.isEmpty() || stripped.length() > MAX_REFERENCE
				|| stripped.chars().anyMatch(Character::isISOControl)) {
			throw ProblemException.invalidField("reference", "must be 1 to " + MAX_REFERENCE + " printable characters");
		}
		return stripped;
	}

	private static void checkTtl(Duration ttl) {
		if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
			throw ProblemException.invalidField("ttlSeconds", "must be between 1 and " + MAX_TTL.toSeconds());
		}
	}

	/** A merged line to hold, and the request field to blame when it cannot be. */
	private record Wanted(ReservationLine line, String field) {
	}

}
