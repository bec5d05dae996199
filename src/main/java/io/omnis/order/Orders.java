package io.omnis.order;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.fulfilment.Fulfilment;
import io.omnis.fulfilment.FulfilmentId;
import io.omnis.fulfilment.FulfilmentRequest;
import io.omnis.fulfilment.Fulfilments;
import io.omnis.fulfilment.OrderRouter;
import io.omnis.fulfilment.SameDaySlots;
import io.omnis.inventory.Reservation;
import io.omnis.inventory.ReservationLine;
import io.omnis.inventory.ReservationStatus;
import io.omnis.inventory.Reservations;
import io.omnis.inventory.Sku;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;
import io.omnis.order.internal.Customers;
import io.omnis.order.internal.DeliveryStore;
import io.omnis.order.internal.Customers.Customer;
import io.omnis.order.internal.OrderStore;
import io.omnis.order.internal.PaymentProviders;
import io.omnis.order.internal.PaymentStore;
import io.omnis.order.internal.ShortageStore;
import io.omnis.order.internal.Timeline;

/**
 * Orders after checkout: read one, a customer's history across every channel, and the
 * lifecycle (pay, allocate, fulfil, complete, cancel). Each transition locks the order,
 * is guarded by {@link Order}, moves its stock (fulfilment sells the reserved units at
 * the locations that hold them, cancellation lets them go) and is published.
 */
@Service
@Transactional
public class Orders {

	private static final int RELEASE_BATCH = 100;

	private final OrderStore store;

	private final Customers customers;

	private final Reservations reservations;

	private final PaymentProviders payments;

	private final Timeline timeline;

	private final DeliveryStore deliveries;

	private final OrderRouter router;

	private final Fulfilments fulfilments;

	private final Refunds refunds;

	private final Clock clock;

	private final SameDaySlots slots;

	private final ShortageStore shortages;

	private final PaymentStore paymentParts;

	Orders(OrderStore store, Customers customers, Reservations reservations, PaymentProviders payments,
			Timeline timeline, DeliveryStore deliveries, OrderRouter router, Fulfilments fulfilments, Refunds refunds,
			Clock clock, SameDaySlots slots, ShortageStore shortages, PaymentStore paymentParts) {
		this.paymentParts = paymentParts;
		this.refunds = refunds;
		this.slots = slots;
		this.shortages = shortages;
		this.deliveries = deliveries;
		this.router = router;
		this.fulfilments = fulfilments;
		this.store = store;
		this.customers = customers;
		this.reservations = reservations;
		this.payments = payments;
		this.timeline = timeline;
		this.clock = clock;
	}

	/** The order, or 404 when it belongs to another customer than the one named. */
	@Transactional(readOnly = true)
	public Order get(String id, @Nullable String customer) {
		return visible(id, customer, false);
	}

	/**
	 * Every order of the customer from every channel, newest first: found by her profile
	 * and by every identifier her profile has gathered, so orders placed under an
	 * anonymous id or an e-mail that later merged into her profile are hers too.
	 */
	@Transactional(readOnly = true)
	public Page<Order> history(String customerReference, @Nullable String cursor, @Nullable Integer limit) {
		int size = Cursor.limit(limit);
		Customer customer = customers.of(customerReference, "customer");
		return Page.of(store.ofCustomer(customer.keys(), customer.profiles(), Cursor.decode(cursor), size + 1), size,
				order -> order.id().value());
	}

	@Transactional(readOnly = true)
	public Page<Order> recent(@Nullable String cursor, @Nullable Integer limit, @Nullable OrderStatus status) {
		int size = Cursor.limit(limit);
		return Page.of(store.recent(Cursor.decode(cursor), size + 1, status), size, order -> order.id().value());
	}

	/** Takes the payment of a placed order (paying in store at pickup, or by card). */
	public Order pay(String id, @Nullable String method, Map<String, String> details, @Nullable String customer) {
		Order order = visible(id, customer, true);
		if (order.status() != OrderStatus.PLACED) {
			order.paid("", null, clock.instant()); // refused with the reason
		}
		PaymentProvider provider = payments.get(Checkout.required(method, "payment.method"), "payment.method");
		// A split checkout took part of the total from store credit: the rest is due
		List<OrderPayment> parts = refunds.payments(order);
		Money due = order.total()
			.minus(Money.of(parts.stream().mapToLong(p -> p.amount().minorUnits()).sum(), order.currency()));
		// Paying in store is the till saying the money was taken
		PaymentProvider.Payment taken = PaymentProviders.isPayInStore(provider)
				? new PaymentProvider.Payment(true, "in-store:" + order.id())
				: provider.payFor(order.profileId(), order.id(), due, details);
		if (!taken.captured()) {
			throw ProblemException.invalidField("payment.method", "did not take the payment");
		}
		if (!parts.isEmpty()) {
			paymentParts.add(order.id(), provider.method(), taken.reference(), due, OrderPayment.Kind.PAYMENT,
					clock.instant());
		}
		Order paid = order.paid(provider.method(), taken.reference(), clock.instant());
		keepHolding(paid);
		return route(transition(paid, order.status()));
	}

	/**
	 * Routes a paid order whose routing failed when it was paid (the stock or capacity it
	 * needed is there now): a 409 with the reason when it still cannot be, nothing
	 * changed.
	 */
	public Order routeAgain(String id) {
		Order order = visible(id, null, true);
		if (order.status() != OrderStatus.PAID || deliveries.find(order.id()).isEmpty()) {
			throw ProblemException.conflict("Order " + order.id() + " is " + order.status()
					+ (deliveries.find(order.id()).isEmpty() ? " without fulfilment instructions" : "")
					+ " and is not routed again");
		}
		Order routed = route(order);
		if (routed.status() != OrderStatus.ALLOCATED) {
			throw ProblemException.conflict("Order " + order.id() + " cannot be routed: "
					+ deliveries.problem(order.id()).orElse("no reason was given"));
		}
		return routed;
	}

	/**
	 * Routes a paid web or app order that says how it is to reach its customer, in the
	 * caller's transaction: its checkout hold is released and fulfilment holds its units
	 * where it decides, within one savepoint, so the decision counts the order's own
	 * units as available, and a routing that fails leaves the checkout hold as it was
	 * (the order stays PAID, and why is kept). Once routed the order is ALLOCATED and its
	 * reservation is the fulfilment's.
	 */
	Order route(Order paid) {
		if (paid.kind() != OrderKind.ONLINE || paid.status() != OrderStatus.PAID || paid.reservationId() == null) {
			return paid;
		}
		DeliveryStore.Delivery delivery = deliveries.find(paid.id()).orElse(null);
		if (delivery == null || delivery.fulfilmentId() != null) {
			return paid;
		}
		Reservation held = reservations.get(paid.reservationId());
		if (held.status() != ReservationStatus.HELD) {
			deliveries.notRouted(paid.id(), "its checkout reservation is " + held.status());
			return paid;
		}
		// What the checkout held, kits already taken apart into the units on the shelves
		Map<Sku, Integer> units = new LinkedHashMap<>();
		held.lines().forEach(line -> units.merge(line.sku(), line.quantity(), Integer::sum));
		FulfilmentRequest request = new FulfilmentRequest(paid.channelId(), paid.id().value(), paid.customer(),
				delivery.method(), delivery.destination(), delivery.pickupLocationId(),
				units.entrySet().stream().map(e -> new FulfilmentRequest.Line(e.getKey(), e.getValue())).toList());
		Fulfilment fulfilment;
		try {
			fulfilment = router.routeWithin(request, () -> reservations.release(held.id()));
		}
		catch (ProblemException refused) {
			deliveries.notRouted(paid.id(), String.valueOf(refused.getMessage()));
			return paid;
		}
		Instant now = clock.instant();
		store.heldBy(paid.id(), fulfilment.reservationId().value());
		deliveries.routed(paid.id(), fulfilment.id(), now);
		transition(paid.allocated(now), OrderStatus.PAID);
		return store.find(paid.id(), false).orElseThrow();
	}

	public Order allocate(String id) {
		Order order = visible(id, null, true);
		return transition(order.allocated(clock.instant()), order.status());
	}

	/** The units leave their locations: the reservation is sold where it holds them. */
	public Order fulfil(String id) {
		Order order = visible(id, null, true);
		Order fulfilled = order.fulfilled(clock.instant());
		if (deliveries.find(order.id()).map(d -> d.fulfilmentId() != null).orElse(false)) {
			throw ProblemException.conflict(
					"Order " + order.id() + " is routed: it is fulfilled when its fulfilment hands over its last line");
		}
		if (order.reservationId() != null) {
			reservations.consume(reservations.get(order.reservationId()).id());
		}
		return transition(fulfilled, order.status());
	}

	/**
	 * The fulfilment serving the order handed over its last line and consumed its
	 * reservation: the order is fulfilled, consuming nothing more. Told again (a
	 * redelivered event), or told about an order cancelled meanwhile, it changes nothing.
	 */
	public void handedOver(FulfilmentId fulfilmentId) {
		OrderId id = deliveries.orderOf(fulfilmentId).orElse(null);
		if (id == null) {
			return;
		}
		Order order = store.find(id, true).orElseThrow();
		if (order.status() != OrderStatus.ALLOCATED) {
			return;
		}
		transition(order.fulfilled(clock.instant()), OrderStatus.ALLOCATED);
	}

	/**
	 * Every parcel of the order's fulfilment was delivered: the order is completed (first
	 * fulfilled, should the hand-over not have been heard of yet). Told again, or about
	 * an order in another state, it changes nothing.
	 */
	public void delivered(FulfilmentId fulfilmentId) {
		OrderId id = deliveries.orderOf(fulfilmentId).orElse(null);
		if (id == null) {
			return;
		}
		Order order = store.find(id, true).orElseThrow();
		if (order.status() == OrderStatus.ALLOCATED) {
			order = transition(order.fulfilled(clock.instant()), OrderStatus.ALLOCATED);
		}
		if (order.status() == OrderStatus.FULFILLED) {
			transition(order.completed(clock.instant()), OrderStatus.FULFILLED);
		}
	}

	/**
	 * Units of the order that no location can serve after a rejection: they are recorded
	 * as a shortage, paid back to the customer and she is told; the order goes on with
	 * the rest. When nothing of it is left to serve, it is cancelled.
	 * @param nothingLeft whether the fulfilment serves no unit any more
	 */
	public void unfillable(FulfilmentId fulfilmentId, String sku, int quantity, boolean nothingLeft, Instant at) {
		OrderId id = deliveries.orderOf(fulfilmentId).orElse(null);
		if (id == null) {
			return;
		}
		Order order = store.find(id, true).orElseThrow();
		if (order.status() == OrderStatus.CANCELLED) {
			return;
		}
		if (!shortages.insert(order.id(), sku, quantity, "no location can serve it", at)) {
			return;
		}
		timeline.shortage(order, sku, quantity, at);
		if (nothingLeft && order.status().canBecome(OrderStatus.CANCELLED)) {
			// Cancelling refunds whatever was captured, the shortage with it
			cancel(order, "no location can fulfil it");
			shortages.settle(order.id(), sku, at, refunds.refunded(order).minorUnits() > 0 ? "REFUNDED" : "NOT_PAID");
			return;
		}
		refundShortage(order, sku, quantity, at);
	}

	/**
	 * Pays the units no location can serve back through the provider that took the
	 * payment, at the price paid, never more than is left to refund; an unpaid order owes
	 * nothing.
	 */
	private void refundShortage(Order order, String sku, int quantity, Instant at) {
		Money owed = order.lines()
			.stream()
			.filter(line -> line.sku().equals(sku))
			.findFirst()
			.map(line -> line.unitPrice().times(quantity))
			.orElse(Money.zero(order.currency()));
		long left = refunds.left(order).minorUnits();
		long amount = Math.min(owed.minorUnits(), left);
		if (amount <= 0) {
			shortages.settle(order.id(), sku, at, "NOT_PAID");
			return;
		}
		refunds.refund(order.id(), Money.of(amount, order.currency()), "shortage", sku);
		shortages.settle(order.id(), sku, at, "REFUNDED");
	}

	public Order complete(String id) {
		Order order = visible(id, null, true);
		return transition(order.completed(clock.instant()), order.status());
	}

	/**
	 * Cancels the order and lets its stock go; a paid order is refunded in full through
	 * the provider that took the payment (an unpaid one refunds nothing).
	 */
	public Order cancel(String id, @Nullable String reason, @Nullable String customer) {
		Order order = visible(id, customer, true);
		String why = reason == null || reason.isBlank() ? "cancelled" : reason.strip();
		if (why.length() > 200) {
			throw ProblemException.invalidField("reason", "must be at most 200 characters");
		}
		return cancel(order, why);
	}

	/**
	 * Cancels up to a batch of placed orders whose payment window closed, freeing their
	 * stock. Orders another node is cancelling are skipped, not waited for.
	 * @return how many were cancelled
	 */
	public int releaseUnpaid() {
		List<OrderId> due = store.lockOverdue(clock.instant(), RELEASE_BATCH);
		for (OrderId id : due) {
			cancel(store.find(id, false).orElseThrow(), "unpaid");
		}
		return due.size();
	}

	private Order cancel(Order order, String reason) {
		Order cancelled = order.cancelled(reason, clock.instant());
		FulfilmentId routed = deliveries.find(order.id()).map(DeliveryStore.Delivery::fulfilmentId).orElse(null);
		if (routed != null) {
			fulfilments.withdraw(routed);
		}
		slots.release(order.channelId(), order.id().value());
		if (order.reservationId() != null) {
			// Locked and refused (409) when its units were handed over meanwhile
			reservations.release(reservations.get(order.reservationId()).id());
		}
		Order done = transition(cancelled, order.status());
		refunds.refundRest(order, "cancelled");
		return done;
	}

	/** A paid order keeps its units for as long as inventory lets a reservation live. */
	private void keepHolding(Order paid) {
		if (paid.reservationId() == null) {
			return;
		}
		Reservation held = reservations.get(paid.reservationId());
		Instant now = clock.instant();
		held.requireHeld(now, "kept for the paid order " + paid.id());
		reservations.adjust(held.id(),
				held.lines().stream().map(l -> ReservationLine.of(l.sku(), l.locationId(), l.quantity())).toList(),
				Reservations.MAX_TTL);
	}

	private Order transition(Order order, OrderStatus from) {
		store.transition(order, from);
		timeline.record(order);
		return order;
	}

	private Order visible(String id, @Nullable String customer, boolean lock) {
		if (!OrderId.isValid(id)) {
			throw new NotFoundException("order", id);
		}
		Order order = store.find(new OrderId(id), lock).orElseThrow(() -> new NotFoundException("order", id));
		if (customer != null && !customers.of(customer, "customer").owns(order.customerIds(), order.profileId())) {
			throw new NotFoundException("order", id);
		}
		return order;
	}

}
