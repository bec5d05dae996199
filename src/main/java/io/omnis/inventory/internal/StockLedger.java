package io.omnis.inventory.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.Allocation;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Movement;
import io.omnis.inventory.MovementType;
import io.omnis.inventory.Reservation;
import io.omnis.inventory.ReservationId;
import io.omnis.inventory.Sku;
import io.omnis.inventory.Stock;
import io.omnis.inventory.StockLow;
import io.omnis.inventory.StockOut;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * Changes stock and writes the ledger entry of each change in the same transaction, and
 * tells the other modules when a location runs low or out. The callers' transaction
 * decides what commits; a refused change throws before anything is written.
 */
@Component
public class StockLedger {

	private final StockStore stock;

	private final AllocationStore allocations;

	private final LedgerStore ledger;

	private final ApplicationEventPublisher events;

	private final InventoryProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final HoldLanes lanes;

	private final ReservingLines reservingLines;

	StockLedger(StockStore stock, AllocationStore allocations, LedgerStore ledger, ApplicationEventPublisher events,
			InventoryProperties properties, Clock clock, TransactionTemplate transactions, HoldLanes lanes,
			ReservingLines reservingLines) {
		this.reservingLines = reservingLines;
		this.lanes = lanes;
		this.transactions = transactions;
		this.stock = stock;
		this.allocations = allocations;
		this.ledger = ledger;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Adds to or takes from on hand.
	 * @param field the request field to blame when on hand cannot cover the change
	 */
	public Movement move(MovementType type, Sku sku, LocationId location, int delta, @Nullable String reason,
			@Nullable String reference, @Nullable ChannelId channel, String actor, String field) {
		Instant now = clock.instant();
		if (delta > 0) {
			stock.ensure(sku, location, now);
		}
		Stock after = stock.addOnHand(sku, location, delta, now)
			.orElseThrow(() -> notEnoughOnHand(sku, location, -delta, field));
		return record(type, after, delta, 0, reason, reference, channel, actor, now);
	}

	/** Sets on hand to what was counted; reservations stay as they are. */
	public Movement count(Sku sku, LocationId location, int counted, @Nullable String reason,
			@Nullable String reference, @Nullable ChannelId channel, String actor, String field) {
		Instant now = clock.instant();
		stock.ensure(sku, location, now);
		Stock before = stock.lock(sku, location).orElseThrow();
		if (counted < before.reserved()) {
			throw new ProblemException(ProblemType.CONFLICT,
					"Counted " + counted + " of SKU '" + sku + "' at " + location + " but " + before.reserved()
							+ " are reserved; release or consume reservations first",
					List.of(new FieldError(field, "is less than the " + before.reserved() + " units reserved")))
				.with("sku", sku.value())
				.with("locationId", location.value())
				.with("reserved", before.reserved());
		}
		Stock after = stock.setOnHand(sku, location, counted, now).orElseThrow();
		return record(MovementType.COUNT, after, counted - before.onHand(), 0, reason, reference, channel, actor, now);
	}

	/**
	 * Holds units for a channel: first what its allocation still holds for it, the rest
	 * from the units no channel holds. The stock row decides, in one conditional UPDATE
	 * that also writes the movement. {@code beforeStockIsLocked} is told how many come
	 * from the allocation before the stock row is locked: a caller's own writes go there,
	 * so that the hot row stays locked for as little as one statement and the commit.
	 * @return how many came from the channel's allocation
	 */
	public int hold(Sku sku, LocationId location, int quantity, ChannelId channel, String reference, String actor,
			String field, IntConsumer beforeStockIsLocked) {
		Instant now = clock.instant();
		Optional<Allocation> allocation = allocations.lock(sku, location, channel);
		int held = allocation.map(Allocation::remaining).orElse(0);
		int fromAllocation = Math.min(quantity, held);
		if (fromAllocation > 0) {
			allocations.change(sku, location, channel, 0, fromAllocation, now);
		}
		beforeStockIsLocked.accept(fromAllocation);
		Stock after = stock
			.hold(sku, location, quantity, fromAllocation, now, Ids.next("mov"), reference, channel, actor)
			.orElseThrow(() -> insufficient(sku, location, quantity, held, field));
		signal(after, 0, quantity);
		return fromAllocation;
	}

	/**
	 * Holds every line of a new reservation, or none, writing the reservation, its lines
	 * and their movements, in one statement ({@link ReservingLines}).
	 * @param lines in lock order
	 * @return how many units of each line came from the channel's allocation
	 * @throws ProblemException for the first line that stock could not cover, naming its
	 * field; then nothing was written
	 */
	public List<Integer> reserveAll(Reservation header, List<Line> lines, String actor) {
		List<ReservingLines.Wanted> wanted = lines.stream()
			.map(line -> new ReservingLines.Wanted(line.sku(), line.location(), line.quantity(), Ids.next("mov")))
			.toList();
		List<ReservingLines.Outcome> outcomes = reservingLines.hold(header, wanted, actor, clock.instant());
		for (int i = 0; i < lines.size(); i++) {
			if (!outcomes.get(i).fits()) {
				Line line = lines.get(i);
				throw refusal(line.sku(), line.location(), line.quantity(), header.channelId(), line.field());
			}
		}
		List<Integer> fromAllocation = new java.util.ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Stock after = outcomes.get(i).after();
			if (after == null) {
				throw new IllegalStateException("Every line fitted and one was not held");
			}
			signal(after, 0, lines.get(i).quantity());
			fromAllocation.add(outcomes.get(i).fromAllocation());
		}
		return fromAllocation;
	}

	/**
	 * Holds the only line of a new reservation, writing the reservation too, in one
	 * statement outside any transaction, with the other reservations of the same stock
	 * this node is asked for meanwhile ({@link HoldLanes}): the statement commits by
	 * itself, so the stock row stays locked for the UPDATE and its commit inside the
	 * database only.
	 * @return how many came from the channel's allocation, or nothing when the line was
	 * refused (then nothing was written; {@link #refusal} says why)
	 */
	public OptionalInt reserveAlone(Reservation header, Sku sku, LocationId location, int quantity, String actor) {
		ReservingBatch.Outcome outcome = lanes.hold(header, sku, location, quantity, actor);
		Stock after = outcome.after();
		if (after == null) {
			return OptionalInt.empty();
		}
		signal(after, 0, quantity);
		return OptionalInt.of(outcome.fromAllocation());
	}

	/** The problem of a hold that was refused: what the channel could have had. */
	public ProblemException refusal(Sku sku, LocationId location, int quantity, ChannelId channel, String field) {
		return insufficient(sku, location, quantity,
				allocations.find(sku, location, channel).map(Allocation::remaining).orElse(0), field);
	}

	/**
	 * Lets held units go; those that came from the channel's allocation go back to it.
	 */
	public void release(Sku sku, LocationId location, int quantity, int toAllocation, ChannelId channel, String reason,
			String reference, String actor) {
		Instant now = clock.instant();
		if (toAllocation > 0) {
			allocations.lock(sku, location, channel);
			allocations.change(sku, location, channel, 0, -toAllocation, now);
		}
		Stock after = stock.release(sku, location, quantity, toAllocation, now)
			.orElseThrow(() -> new IllegalStateException("Fewer units reserved than released of " + sku));
		record(MovementType.RELEASE, after, 0, -quantity, reason, reference, channel, actor, now);
	}

	/** Sells held units at the location that holds them. */
	public void consume(Sku sku, LocationId location, int quantity, int fromAllocation, ChannelId channel,
			String reference, String actor) {
		Instant now = clock.instant();
		if (fromAllocation > 0) {
			allocations.lock(sku, location, channel);
			allocations.change(sku, location, channel, -fromAllocation, -fromAllocation, now);
		}
		Stock after = stock.consume(sku, location, quantity, now)
			.orElseThrow(() -> new IllegalStateException("Fewer units reserved than consumed of " + sku));
		record(MovementType.CONSUME, after, -quantity, -quantity, null, reference, channel, actor, now);
	}

	private Movement record(MovementType type, Stock after, int onHandDelta, int reservedDelta, @Nullable String reason,
			@Nullable String reference, @Nullable ChannelId channel, String actor, Instant now) {
		Movement movement = new Movement(Ids.next("mov"), after.sku(), after.locationId(), type, onHandDelta,
				reservedDelta, after.onHand(), after.reserved(), reason, reference, channel, actor, now);
		ledger.append(movement);
		signal(after, onHandDelta, reservedDelta);
		return movement;
	}

	/**
	 * Publishes StockLow or StockOut when this change crossed the threshold; after a
	 * change that committed by itself, in a transaction of its own, so that transactional
	 * listeners hear of it too.
	 */
	private void signal(Stock after, int onHandDelta, int reservedDelta) {
		int before = Math.max(0,
				after.onHand() - onHandDelta - (after.reserved() - reservedDelta) - after.safetyStock());
		int now = after.free();
		int threshold = properties.lowStockThreshold();
		Object event = null;
		if (now == 0 && before > 0) {
			event = new StockOut(after.sku(), after.locationId());
		}
		else if (now > 0 && now <= threshold && before > threshold) {
			event = new StockLow(after.sku(), after.locationId(), now, threshold);
		}
		if (event == null) {
			return;
		}
		Object crossed = event;
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			events.publishEvent(crossed);
		}
		else {
			transactions.executeWithoutResult(status -> events.publishEvent(crossed));
		}
	}

	/**
	 * A line of a new reservation: a SKU at a location, its units, and the request field
	 * to blame when they cannot be held.
	 */
	public record Line(Sku sku, LocationId location, int quantity, String field) {
	}

	private ProblemException notEnoughOnHand(Sku sku, LocationId location, int wanted, String field) {
		Stock current = stock.find(sku, location).orElse(null);
		int onHand = current == null ? 0 : current.onHand();
		int reserved = current == null ? 0 : current.reserved();
		return new ProblemException(ProblemType.INSUFFICIENT_STOCK,
				"Cannot take " + wanted + " of SKU '" + sku + "' from " + location + ": " + onHand + " on hand, "
						+ reserved + " of them reserved",
				List.of(new FieldError(field,
						"exceeds the " + Math.max(0, onHand - reserved) + " unreserved units on hand")))
			.with("sku", sku.value())
			.with("locationId", location.value())
			.with("onHand", onHand)
			.with("reserved", reserved);
	}

	private ProblemException insufficient(Sku sku, LocationId location, int requested, int heldForChannel,
			String field) {
		int available = stock.find(sku, location).map(s -> s.availableTo(heldForChannel)).orElse(0);
		return new ProblemException(ProblemType.INSUFFICIENT_STOCK,
				"Only " + available + " of SKU '" + sku + "' available at " + location + ", " + requested
						+ " requested",
				List.of(new FieldError(field, "exceeds the " + available + " available")))
			.with("sku", sku.value())
			.with("locationId", location.value())
			.with("requested", requested)
			.with("available", available);
	}

}
