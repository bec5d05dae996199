package io.omnis.returns;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.ChannelId;
import io.omnis.fulfilment.FulfilmentId;
import io.omnis.fulfilment.Fulfilments;
import io.omnis.fulfilment.OrderRouter;
import io.omnis.fulfilment.WorkTask;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Locations;
import io.omnis.inventory.ReservationStatus;
import io.omnis.inventory.Reservations;
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
import io.omnis.order.OrderStatus;
import io.omnis.order.Orders;
import io.omnis.order.Refunds;
import io.omnis.returns.internal.Dispositions;
import io.omnis.returns.internal.Enums;
import io.omnis.returns.internal.Exchanges;
import io.omnis.returns.internal.Places;
import io.omnis.returns.internal.RestockTasks;
import io.omnis.returns.internal.ReturnLines;
import io.omnis.returns.internal.ReturnStore;

/**
 * Returns of orders from any channel, started in any channel. Starting one takes the
 * units from what is still returnable of each order line ({@link ReturnLines}) and, for
 * an exchange, prices, routes and pays for the new item at once ({@link Exchanges});
 * started at a store's counter, it puts a restock task in the store's work queue
 * ({@link RestockTasks}). Receiving it at a location disposes of each line
 * ({@link Dispositions}) and resolves it (refund through the order's payment, store
 * credit, or what an exchange owes back), in one transaction.
 */
@Service
@Transactional
public class Returns {

	static final int MAX_LINES = ReturnLines.MAX_LINES;

	static final int MAX_NOTE = ReturnLines.MAX_NOTE;

	private final ReturnStore store;

	private final ReturnLines returnLines;

	private final Dispositions dispositions;

	private final Exchanges exchanges;

	private final RestockTasks restock;

	private final Places places;

	private final Orders orders;

	private final Refunds refunds;

	private final StoreCredit credit;

	private final Locations locations;

	private final Reservations reservations;

	private final OrderRouter router;

	private final Fulfilments fulfilments;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Returns(ReturnStore store, ReturnLines returnLines, Dispositions dispositions, Exchanges exchanges,
			RestockTasks restock, Places places, Orders orders, Refunds refunds, StoreCredit credit,
			Locations locations, Reservations reservations, OrderRouter router, Fulfilments fulfilments,
			ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.returnLines = returnLines;
		this.dispositions = dispositions;
		this.exchanges = exchanges;
		this.restock = restock;
		this.places = places;
		this.orders = orders;
		this.refunds = refunds;
		this.credit = credit;
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
		List<ReturnLine> lines = returnLines.of(order, request.lines());
		Resolution resolution = enumValue(Resolution.class, request.resolution(), "resolution");
		String note = ReturnLines.note(request.note(), "note");
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
		if (resolution == Resolution.REFUND && refunds.taken(order).minorUnits() == 0) {
			throw new ProblemException(ProblemType.CONFLICT, "Order " + order.id() + " was never paid",
					List.of(new FieldError("resolution", "cannot be REFUND for an unpaid order")));
		}
		if (resolution != Resolution.EXCHANGE && request.exchange() != null) {
			throw ProblemException.invalidField("exchange", "is only for the resolution EXCHANGE");
		}
		ReturnId id = ReturnId.next();
		returnLines.take(order, lines);
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
		List<ReturnLine> disposed = dispositions.chosen(open, receipt);
		dispositions.move(open, location.id(), disposed);
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
		returnLines.giveBack(open);
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
		return returnLines.returnable(order);
	}

	private Location location(@Nullable String id, String field) {
		return places.get(id, field);
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
