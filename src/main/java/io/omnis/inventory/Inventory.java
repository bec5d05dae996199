package io.omnis.inventory;

import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.internal.LedgerStore;
import io.omnis.inventory.internal.StockLedger;
import io.omnis.inventory.internal.StockStore;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.Actor;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;

/**
 * Stock per SKU and location: records what happens to it (receipts, sales, counts,
 * transfers, returns, corrections) in the ledger, and answers what there is.
 */
@Service
@Transactional
public class Inventory {

	/** The most units one movement may carry. */
	public static final int MAX_QUANTITY = 1_000_000;

	public static final int MAX_BATCH = 500;

	private static final int MAX_TEXT = 200;

	private final StockLedger ledger;

	private final StockStore stock;

	private final LedgerStore movements;

	private final Locations locations;

	private final Clock clock;

	Inventory(StockLedger ledger, StockStore stock, LedgerStore movements, Locations locations, Clock clock) {
		this.ledger = ledger;
		this.stock = stock;
		this.movements = movements;
		this.locations = locations;
		this.clock = clock;
	}

	/**
	 * Records changes all together or not at all.
	 * @param listField the name of the list in the request, to name a bad entry
	 * ({@code movements[2].quantity}), or {@code null} for a single change
	 * @return the ledger entries, in the order of the changes
	 */
	public List<Movement> record(List<StockChange> changes, @Nullable ChannelId channel, @Nullable String listField) {
		if (changes.isEmpty() || changes.size() > MAX_BATCH) {
			throw ProblemException.invalidField(listField == null ? "body" : listField,
					"must hold 1 to " + MAX_BATCH + " movements");
		}
		for (int i = 0; i < changes.size(); i++) {
			check(changes.get(i), field(listField, i));
		}
		requireLocations(changes, listField);
		String actor = Actor.current();
		Movement[] recorded = new Movement[changes.size()];
		// Locked in one order by every transaction, so two batches never deadlock
		List<Integer> order = IntStream.range(0, changes.size())
			.boxed()
			.sorted(Comparator.comparing((Integer i) -> changes.get(i).sku())
				.thenComparing(i -> changes.get(i).locationId()))
			.toList();
		for (int i : order) {
			recorded[i] = apply(changes.get(i), channel, actor, field(listField, i));
		}
		return Arrays.asList(recorded);
	}

	/**
	 * Sets the units kept back at a location, never promised to anyone.
	 */
	public Stock setSafetyStock(Sku sku, LocationId location, int safetyStock) {
		if (safetyStock < 0 || safetyStock > MAX_QUANTITY) {
			throw ProblemException.invalidField("safetyStock", "must be between 0 and " + MAX_QUANTITY);
		}
		requireLocation(location, "locationId");
		stock.ensure(sku, location, clock.instant());
		return stock.setSafetyStock(sku, location, safetyStock, clock.instant()).orElseThrow();
	}

	@Transactional(readOnly = true)
	public Optional<Stock> stock(Sku sku, LocationId location) {
		return stock.find(sku, location);
	}

	/** The SKU's stock at every location that has had some. */
	@Transactional(readOnly = true)
	public List<Stock> stockOf(Sku sku) {
		return stock.ofSku(sku);
	}

	/** The ledger of a SKU at a location, oldest first. */
	@Transactional(readOnly = true)
	public Page<Movement> ledger(Sku sku, LocationId location, @Nullable String cursor, @Nullable Integer limit) {
		int size = Cursor.limit(limit);
		requireLocation(location, "location");
		return Page.of(movements.page(sku, location, Cursor.decode(cursor), size + 1), size, Movement::id);
	}

	/** The latest movements of a SKU across the network, newest first. */
	@Transactional(readOnly = true)
	public List<Movement> recentMovements(Sku sku, int limit) {
		return movements.recent(sku, Math.min(limit, Cursor.MAX_LIMIT));
	}

	private Movement apply(StockChange change, @Nullable ChannelId channel, String actor, String field) {
		if (change.type().isAbsolute()) {
			return ledger.count(change.sku(), change.locationId(), change.quantity(), change.reason(),
					change.reference(), channel, actor, field + "quantity");
		}
		return ledger.move(change.type(), change.sku(), change.locationId(),
				change.type().onHandDelta(change.quantity()), change.reason(), change.reference(), channel, actor,
				field + "quantity");
	}

	private static void check(StockChange change, String field) {
		if (!change.type().isRecordable()) {
			throw ProblemException.invalidField(field + "type",
					"cannot be " + change.type() + ": reservations change reserved stock through /api/v1/reservations");
		}
		int quantity = change.quantity();
		if (change.type().isAbsolute() && (quantity < 0 || quantity > MAX_QUANTITY)) {
			throw ProblemException.invalidField(field + "quantity", "must be between 0 and " + MAX_QUANTITY);
		}
		if (change.type().isSigned() && (quantity == 0 || Math.abs(quantity) > MAX_QUANTITY)) {
			throw ProblemException.invalidField(field + "quantity",
					"must be a non-zero number of units between -" + MAX_QUANTITY + " and " + MAX_QUANTITY);
		}
		if (!change.type().isAbsolute() && !change.type().isSigned() && (quantity < 1 || quantity > MAX_QUANTITY)) {
			throw ProblemException.invalidField(field + "quantity", "must be between 1 and " + MAX_QUANTITY);
		}
		text(change.reason(), field + "reason");
		text(change.reference(), field + "reference");
	}

	private void requireLocations(List<StockChange> changes, @Nullable String listField) {
		Set<LocationId> known = locations
			.existing(changes.stream().map(StockChange::locationId).collect(Collectors.toSet()));
		for (int i = 0; i < changes.size(); i++) {
			if (!known.contains(changes.get(i).locationId())) {
				throw new ProblemException(ProblemType.NOT_FOUND,
						"No location with id '" + changes.get(i).locationId() + "'",
						List.of(new FieldError(field(listField, i) + "locationId", "is not a known location")));
			}
		}
	}

	private void requireLocation(LocationId location, String field) {
		if (locations.find(location).isEmpty()) {
			throw new ProblemException(ProblemType.NOT_FOUND, "No location with id '" + location + "'",
					List.of(new FieldError(field, "is not a known location")));
		}
	}

	private static void text(@Nullable String value, String field) {
		if (value != null && (value.length() > MAX_TEXT || value.chars().anyMatch(c -> c == 0))) {
			throw ProblemException.invalidField(field, "must be at most " + MAX_TEXT + " characters");
		}
	}

	private static String field(@Nullable String listField, int index) {
		return listField == null ? "" : listField + "[" + index + "].";
	}

}
