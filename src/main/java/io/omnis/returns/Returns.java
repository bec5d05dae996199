package io.omnis.returns;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.ChannelId;
import io.omnis.fulfilment.Fulfilment;
import io.omnis.fulfilment.FulfilmentId;
import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.fulfilment.FulfilmentRequest;
import io.omnis.fulfilment.Fulfilments;
import io.omnis.fulfilment.OrderRouter;
import io.omnis.fulfilment.WorkTask;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.Inventory;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.LocationType;
import io.omnis.inventory.Locations;
import io.omnis.inventory.MovementType;
import io.omnis.inventory.ReservationStatus;
import io.omnis.inventory.Reservations;
import io.omnis.inventory.Sku;
import io.omnis.inventory.StockChange;
import io.omnis.kernel.CustomerActivity;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.Actor;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;
import io.omnis.order.Order;
import io.omnis.order.OrderLine;
import io.omnis.order.OrderStatus;
import io.omnis.order.Orders;
import io.omnis.order.Refunds;
import io.omnis.returns.internal.Enums;
import io.omnis.returns.internal.Exchanges;
import io.omnis.returns.internal.Places;
import io.omnis.returns.internal.RestockTasks;
import io.omnis.returns.internal.ReturnStore;
import io.omnis.returns.internal.Returnables;

/**
 * Returns of orders from any channel, started in any channel. Starting one takes the
 * units from what is still returnable of each order line (one conditional UPDATE per
 * line: two returns racing for the last unit cannot both have it) and, for an exchange,
 * routes the new item at once. Receiving it at a location disposes of each line
 * (restocked there, written off, or sent on to a warehouse) and resolves it (refund
 * through the order's payment, store credit, or the exchange already under way), in one
 * transaction.
 */
@Service
@Transactional
public class Returns {

	static final int MAX_LINES = 100;

	static final int MAX_NOTE = 500;

	private final ReturnStore store;

	private final Returnables returnables;

	private final Orders orders;

	private final Refunds refunds;

	private final StoreCredit credit;

	private final Inventory inventory;

	private final Locations locations;

	private final Reservations reservations;

	private final OrderRouter router;

	private final Fulfilments fulfilments;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final RestockTasks restock;

	private final Exchanges exchanges;

	private final Places places;

	Returns(ReturnStore store, Returnables returnables, Orders orders, Refunds refunds, StoreCredit credit,
			Inventory inventory, Locations locations, Reservations reservations, OrderRouter router,
			Fulfilments fulfilments, ApplicationEventPublisher events, Clock clock, RestockTasks restock,
			Exchanges exchanges, Places places) {
		this.restock = restock;
		this.exchanges = exchanges;
		this.places = places;
		this.store = store;
		this.returnables = returnables;
		this.orders = orders;
		this.refunds = refunds;
		this.credit = credit;
		this.inventory = inventory;
		this.locations = locations;
		this.reservations = reservations;
		this.router = router;
		this.fulfilments = fulfilments;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Starts a return of units of the order, in the channel it is started in.
	 * @param customer when given, another customer's order answers 404
	 */
	public Return start(String orderId, ChannelId channel, Request request, @Nullable String customer) {
		Order order = orders.get(orderId, customer);
		List<ReturnLine> lines = lines(order, request.lines());
		Resolution resolution = enumValue(Resolution.class, request.resolution(), "resolution");
		String note = text(request.note(), "note");
		if (order.status() != OrderStatus.FULFILLED && order.status() != OrderStatus.COMPLETED) {
			throw new ProblemException(ProblemType.CONFLICT,
					"Order " + order.id() + " is " + order.status() + ": only what was handed over can be returned"
							+ (order.status().canBecome(OrderStatus.CANCELLED) ? "; cancel it instead" : ""),
					List.of(new FieldError("orderId", "is " + order.status())));
		}
		if (resolution == Resolution.STORE_CREDIT && order.profileId() == null) {
			throw ProblemException.invalidField("resolution",
					"STORE_CREDIT needs an order of a known customer; order " + order.id() + " is anonymous");
		}
		if (resolution == Resolution.REFUND && Refunds.captured(order).minorUnits() == 0) {
			throw new ProblemException(ProblemType.CONFLICT, "Order " + order.id() + " was never paid",
					List.of(new FieldError("resolution", "cannot be REFUND for an unpaid order")));
		}
		if (resolution != Resolution.EXCHANGE && request.exchange() != null) {
			throw ProblemException.invalidField("exchange", "is only for the resolution EXCHANGE");
		}
		ReturnId id = ReturnId.next();
		returnables.ensure(order);
		// Lines are taken in order-line order by every return, so two never deadlock
		List<Integer> byPosition = java.util.stream.IntStream.range(0, lines.size())
			.boxed()
			.sorted(Comparator.comparing(i -> lines.get(i).orderLine()))
			.toList();
		for (int i : byPosition) {
			ReturnLine line = lines.get(i);
			if (!returnables.take(order, line.orderLine(), line.quantity())) {
				int left = order.lines().get(line.orderLine()).quantity()
						- returnables.returned(order.id().value(), line.orderLine());
				throw new ProblemException(ProblemType.CONFLICT,
						"Only " + left + " of " + order.lines().get(line.orderLine()).quantity() + " units of '"
								+ line.sku() + "' on order " + order.id() + " are not returned yet; nothing changed",
						List.of(new FieldError("lines[" + i + "].quantity",
								left == 0 ? "is returned already" : "is more than the " + left + " not returned yet")))
					.with("returnable", left);
			}
		}
		Money amount = lines.stream().map(ReturnLine::total).reduce(Money.zero(order.currency()), Money::plus);
		String expected = locations.ofStoreChannel(channel).map(l -> l.id().value()).orElse(null);
		// Priced, reserved and, for a dearer item, charged last: a refused charge rolls
		// it
		// all back
		Return.Exchange exchange = resolution == Resolution.EXCHANGE ? exchanges.start(id, order, channel,
				request.exchange(), lines.stream().mapToInt(ReturnLine::quantity).sum(), amount) : null;
		Instant now = clock.instant();
		Return started = new Return(id, order.id(), channel, expected, ReturnStatus.REQUESTED, resolution,
				order.profileId(), order.customer(), lines, amount, note, exchange, null, null, null, null, null, now,
				now, null);
		store.insert(started);
		if (expected != null) {
			// Started at a store's counter: the goods are there, waiting to be restocked
			restock.queue(started, new LocationId(expected));
		}
		events.publishEvent(
				new ReturnRequested(id, order.id(), channel, order.profileId(), resolution, started.units(), now));
		activity(started, "return.requested", "Return " + id + " of order " + order.id() + " started, "
				+ started.units() + (started.units() == 1 ? " item, " : " items, ") + resolutionWords(started));
		return started;
	}

	/**
	 * The return's goods are at a location: each line is disposed of as the associate
	 * chose and the return resolved, all or nothing.
	 */
	public Return receive(String returnId, Receipt receipt) {
		Return open = visible(returnId, true);
		if (!open.status().isOpen()) {
			open.received("", "", List.of(), null, null, clock.instant()); // refused with
																			// the reason
		}
		Location location = location(receipt.locationId(), "locationId");
		List<ReturnLine> disposed = dispositions(open, receipt);
		List<StockChange> changes = new ArrayList<>();
		for (ReturnLine line : disposed) {
			Sku sku = new Sku(line.sku());
			switch (line.disposition()) {
				case RESTOCK -> changes.add(change(MovementType.RETURN, sku, location.id(), line, open));
				case TO_WAREHOUSE -> {
					LocationId warehouse = new LocationId(line.disposedTo());
					changes.add(change(MovementType.RETURN, sku, location.id(), line, open));
					changes.add(change(MovementType.TRANSFER_OUT, sku, location.id(), line, open));
					changes.add(change(MovementType.TRANSFER_IN, sku, warehouse, line, open));
				}
				case DAMAGED -> {
				}
				case null -> throw new IllegalStateException("every line has a disposition");
			}
		}
		if (!changes.isEmpty()) {
			inventory.record(changes, open.channelId(), null);
		}
		String refund = null;
		String creditEntry = null;
		if (open.amount().minorUnits() > 0) {
			switch (open.resolution()) {
				case REFUND -> refund = refunds.refund(open.orderId(), open.amount(), "return", open.id().value()).id();
				case STORE_CREDIT -> creditEntry = credit
					.credit(String.valueOf(open.profileId()), open.amount(), open.id().value(), "return")
					.id();
				case EXCHANGE -> {
					Exchanges.Settled settled = exchanges.settle(open);
					refund = settled == null ? null : settled.refundId();
					creditEntry = settled == null ? null : settled.creditEntryId();
				}
			}
		}
		Instant now = clock.instant();
		Return received = open.received(location.id().value(), Actor.current(), disposed, refund, creditEntry, now);
		store.transition(received, ReturnStatus.REQUESTED);
		restock.close(received, WorkTask.Status.DONE);
		events.publishEvent(new ReturnReceived(received.id(), received.orderId(), received.profileId(),
				location.id().value(), received.status(), now));
		activity(received, "return.received", "Return " + received.id() + " received at " + location.name() + ", "
				+ received.status().name().toLowerCase(Locale.ROOT) + " " + resolutionWords(received));
		return received;
	}

	/**
	 * Calls off a return not received yet: its units are returnable again and an
	 * exchange's item is let go.
	 */
	public Return cancel(String returnId) {
		Return open = visible(returnId, true);
		Return cancelled = open.cancelled(clock.instant());
		for (ReturnLine line : open.lines()) {
			returnables.giveBack(open.orderId().value(), line.orderLine(), line.quantity());
		}
		if (open.exchange() != null && open.exchange().fulfilmentId() != null) {
			FulfilmentId fulfilment = new FulfilmentId(open.exchange().fulfilmentId());
			fulfilments.withdraw(fulfilment);
			var held = reservations.get(router.get(fulfilment.value()).reservationId().value());
			if (held.status() == ReservationStatus.HELD) {
				reservations.release(held.id());
			}
		}
		store.transition(cancelled, ReturnStatus.REQUESTED);
		restock.close(cancelled, WorkTask.Status.CANCELLED);
		String chargeReturned = exchanges.giveBack(open);
		if (chargeReturned != null) {
			store.chargeReturned(open.id().value(), chargeReturned);
		}
		activity(cancelled, "return.cancelled", "Return " + cancelled.id() + " cancelled");
		return chargeReturned == null ? cancelled : visible(returnId, false);
	}

	/**
	 * A return's goods (shipped back, or brought to a store other than the one it was
	 * started at) arrived at the location: a RESTOCK_RETURN task goes into its work
	 * queue.
	 */
	public WorkTask arrived(String returnId, @Nullable String locationId) {
		Return open = visible(returnId, true);
		if (!open.status().isOpen()) {
			throw new ProblemException(ProblemType.CONFLICT,
					"Return " + open.id() + " is " + open.status() + ": its goods were taken in already",
					List.of(new FieldError("status", "is " + open.status())))
				.with("returnStatus", open.status().name());
		}
		Location location = location(locationId, "locationId");
		return restock.queue(open, location.id());
	}

	/** The exchange's item was handed over or shipped. Told again, nothing changes. */
	public void exchangeHandedOver(FulfilmentId fulfilment) {
		store.exchangeHandedOver(fulfilment.value(), clock.instant());
	}

	@Transactional(readOnly = true)
	public Return get(String returnId) {
		return visible(returnId, false);
	}

	@Transactional(readOnly = true)
	public List<Return> ofOrder(String orderId, @Nullable String customer) {
		Order order = orders.get(orderId, customer);
		return store.ofOrder(order.id());
	}

	@Transactional(readOnly = true)
	public Page<Return> ofCustomer(String profileId, @Nullable String cursor, @Nullable Integer limit) {
		int size = Cursor.limit(limit);
		return Page.of(store.ofProfile(profileId, Cursor.decode(cursor), size + 1), size, r -> r.id().value());
	}

	/**
	 * Returns waiting to be received at the location: started at its store, or online.
	 */
	@Transactional(readOnly = true)
	public Page<Return> expectedAt(String locationId, @Nullable String cursor, @Nullable Integer limit) {
		Location location = locations.get(locationId);
		int size = Cursor.limit(limit);
		return Page.of(store.expectedAt(location.id().value(), Cursor.decode(cursor), size + 1), size,
				r -> r.id().value());
	}

	/** Units of each order line not returned yet (by returns not cancelled). */
	@Transactional(readOnly = true)
	public List<Integer> returnable(Order order) {
		List<Integer> left = new ArrayList<>();
		for (int i = 0; i < order.lines().size(); i++) {
			left.add(order.lines().get(i).quantity() - returnables.returned(order.id().value(), i));
		}
		return left;
	}

	private List<ReturnLine> lines(Order order, @Nullable List<LineRequest> given) {
		if (given == null || given.isEmpty() || given.size() > MAX_LINES) {
			throw ProblemException.invalidField("lines", "must hold 1 to " + MAX_LINES + " lines");
		}
		List<ReturnLine> lines = new ArrayList<>();
		Set<Integer> seen = new java.util.HashSet<>();
		for (int i = 0; i < given.size(); i++) {
			LineRequest line = given.get(i);
			String field = "lines[" + i + "]";
			if (line == null) {
				throw ProblemException.invalidField(field, "is required");
			}
			int position = position(order, line, field);
			if (!seen.add(position)) {
				throw ProblemException.invalidField(field + ".line",
						"names order line " + position + " a second time: give its units once");
			}
			OrderLine bought = order.lines().get(position);
			if (line.quantity() == null || line.quantity() < 1) {
				throw ProblemException.invalidField(field + ".quantity", "must be at least 1");
			}
			if (line.quantity() > bought.quantity()) {
				throw new ProblemException(ProblemType.EXCEEDS_PURCHASE,
						"Order " + order.id() + " bought " + bought.quantity() + " of '" + bought.sku() + "', not "
								+ line.quantity() + "; nothing changed",
						List.of(new FieldError(field + ".quantity",
								"is more than the " + bought.quantity() + " bought")))
					.with("bought", bought.quantity());
			}
			ReturnReason reason = enumValue(ReturnReason.class, line.reason(), field + ".reason");
			lines.add(new ReturnLine(position, bought.sku(), line.quantity(), bought.unitPrice(), reason,
					text(line.note(), field + ".note"), null, null));
		}
		return lines;
	}

	private static int position(Order order, LineRequest line, String field) {
		if (line.line() != null) {
			if (line.line() < 0 || line.line() >= order.lines().size()) {
				throw ProblemException.invalidField(field + ".line",
						"must be an order line, 0 to " + (order.lines().size() - 1));
			}
			return line.line();
		}
		if (line.sku() == null || line.sku().isBlank()) {
			throw ProblemException.invalidField(field + ".sku", "or the order line's position (line) is required");
		}
		for (int p = 0; p < order.lines().size(); p++) {
			if (order.lines().get(p).sku().equals(line.sku())) {
				return p;
			}
		}
		throw ProblemException.invalidField(field + ".sku", "is not on order " + order.id());
	}

	private List<ReturnLine> dispositions(Return open, Receipt receipt) {
		Disposition fallback = receipt.disposition() == null ? null
				: enumValue(Disposition.class, receipt.disposition(), "disposition");
		List<LineDisposition> given = receipt.lines() == null ? List.of() : receipt.lines();
		if (given.size() > open.lines().size()) {
			throw ProblemException.invalidField("lines",
					"must hold at most the return's " + open.lines().size() + " lines");
		}
		List<ReturnLine> disposed = new ArrayList<>();
		for (int i = 0; i < open.lines().size(); i++) {
			ReturnLine line = open.lines().get(i);
			LineDisposition chosen = i < given.size() ? given.get(i) : null;
			String field = "lines[" + i + "]";
			Disposition disposition = chosen != null && chosen.disposition() != null
					? enumValue(Disposition.class, chosen.disposition(), field + ".disposition") : fallback;
			if (disposition == null) {
				throw ProblemException.invalidField(field + ".disposition",
						"is required (or a disposition for every line): one of "
								+ Arrays.toString(Disposition.values()));
			}
			String to = null;
			if (disposition == Disposition.TO_WAREHOUSE) {
				String warehouseId = chosen != null && chosen.warehouseId() != null ? chosen.warehouseId()
						: receipt.warehouseId();
				Location warehouse = location(warehouseId,
						chosen != null && chosen.warehouseId() != null ? field + ".warehouseId" : "warehouseId");
				if (warehouse.type() != LocationType.WAREHOUSE) {
					throw ProblemException.invalidField(
							chosen != null && chosen.warehouseId() != null ? field + ".warehouseId" : "warehouseId",
							"is a " + warehouse.type() + ", not a WAREHOUSE");
				}
				to = warehouse.id().value();
			}
			else if (disposition == Disposition.RESTOCK) {
				to = receipt.locationId();
			}
			disposed.add(new ReturnLine(line.orderLine(), line.sku(), line.quantity(), line.unitRefund(), line.reason(),
					line.note(), disposition, to));
		}
		return disposed;
	}

	private Location location(@Nullable String id, String field) {
		return places.get(id, field);
	}

	private static StockChange change(MovementType type, Sku sku, LocationId location, ReturnLine line, Return r) {
		return new StockChange(type, sku, location, line.quantity(), "return " + line.reason().name(), r.id().value());
	}

	private Return visible(String id, boolean lock) {
		if (!ReturnId.isValid(id)) {
			throw new NotFoundException("return", id);
		}
		return store.find(new ReturnId(id), lock).orElseThrow(() -> new NotFoundException("return", id));
	}

	private void activity(Return r, String kind, String summary) {
		if (r.profileId() != null) {
			events.publishEvent(new CustomerActivity(r.profileId(), r.updatedAt(), kind, r.channelId().value(), summary,
					r.id().value()));
		}
	}

	private static String resolutionWords(Return r) {
		return switch (r.resolution()) {
			case REFUND -> "refund of " + r.amount();
			case STORE_CREDIT -> "store credit of " + r.amount();
			case EXCHANGE -> "exchange for " + (r.exchange() == null ? "" : r.exchange().sku())
					+ (r.exchange() == null || r.exchange().difference() == null
							|| r.exchange().difference().minorUnits() == 0
									? ""
									: r.exchange().difference().isNegative()
											? ", " + r.exchange().owed() + " given back"
											: ", " + r.exchange().difference() + " charged");
		};
	}

	private static @Nullable String text(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > MAX_NOTE || value.chars().anyMatch(c -> c == 0)) {
			throw ProblemException.invalidField(field, "must be at most " + MAX_NOTE + " characters");
		}
		return value.strip();
	}

	static <E extends Enum<E>> E enumValue(Class<E> type, @Nullable String value, String field) {
		return Enums.of(type, value, field);
	}

	/** What a return is started with. */
	public record Request(@Nullable List<LineRequest> lines, @Nullable String resolution, @Nullable String note,
			@Nullable ExchangeRequest exchange) {
	}

	/**
	 * Units of one order line: by its position ({@code line}) or its SKU, a reason from
	 * {@link ReturnReason}, and a note.
	 */
	public record LineRequest(@Nullable Integer line, @Nullable String sku, @Nullable Integer quantity,
			@Nullable String reason, @Nullable String note) {
	}

	/**
	 * The item wanted in exchange, one for each unit returned, and how it reaches her: a
	 * store to pick it up at, or coordinates to ship to. A dearer item is charged by the
	 * order's payment method with the {@code payment} details (a card number, a token);
	 * for a cheaper one, {@code refundTo} says where the difference goes: REFUND (the
	 * default) or STORE_CREDIT.
	 */
	public record ExchangeRequest(@Nullable String sku, @Nullable String method, @Nullable String pickupLocationId,
			@Nullable Double latitude, @Nullable Double longitude, @Nullable Map<String, String> payment,
			@Nullable String refundTo) {

		public ExchangeRequest(@Nullable String sku, @Nullable String method, @Nullable String pickupLocationId,
				@Nullable Double latitude, @Nullable Double longitude) {
			this(sku, method, pickupLocationId, latitude, longitude, null, null);
		}

	}

	/**
	 * Where the goods were received, and what becomes of each line: one disposition for
	 * all, or one per return line (in the return's order).
	 */
	public record Receipt(@Nullable String locationId, @Nullable String disposition, @Nullable String warehouseId,
			@Nullable List<LineDisposition> lines) {
	}

	public record LineDisposition(@Nullable String disposition, @Nullable String warehouseId) {
	}

}
