package io.omnis.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.catalog.PriceQuote;
import io.omnis.channel.ChannelId;
import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.fulfilment.SameDaySlots;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.ReservationKind;
import io.omnis.inventory.Reservations;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.order.internal.OrderProperties;
import io.omnis.order.internal.DeliveryStore;
import io.omnis.order.internal.OrderStore;
import io.omnis.order.internal.PaymentProviders;
import io.omnis.order.internal.PaymentStore;
import io.omnis.order.internal.Quotes;
import io.omnis.order.internal.StockHolds;
import io.omnis.order.internal.StockHolds.Item;
import io.omnis.order.internal.Timeline;

/**
 * Turns a cart into an order, once. In one transaction: the cart is locked and must be
 * open; every price is checked again and any change refuses the checkout until the
 * customer accepts it; the stock is held for the order (the check and the hold are one
 * conditional UPDATE in inventory); the payment is taken or deferred. Any refusal leaves
 * nothing behind.
 */
@Service
@Transactional
public class Checkout {

	/** The detail naming the part paid from store credit, in minor units. */
	public static final String STORE_CREDIT = "storeCredit";

	private final Carts carts;

	private final OrderStore orders;

	private final Quotes quotes;

	private final StockHolds holds;

	private final Reservations reservations;

	private final PaymentProviders payments;

	private final Timeline timeline;

	private final OrderProperties properties;

	private final DeliveryStore deliveries;

	private final Orders lifecycle;

	private final Clock clock;

	private final SameDaySlots slots;

	private final PaymentStore parts;

	Checkout(Carts carts, OrderStore orders, Quotes quotes, StockHolds holds, Reservations reservations,
			PaymentProviders payments, Timeline timeline, OrderProperties properties, DeliveryStore deliveries,
			Orders lifecycle, Clock clock, SameDaySlots slots, PaymentStore parts) {
		this.parts = parts;
		this.slots = slots;
		this.deliveries = deliveries;
		this.lifecycle = lifecycle;
		this.carts = carts;
		this.orders = orders;
		this.quotes = quotes;
		this.holds = holds;
		this.reservations = reservations;
		this.payments = payments;
		this.timeline = timeline;
		this.properties = properties;
		this.clock = clock;
	}

	public Order checkout(CartId id, ChannelId channel, Payment payment, @Nullable String currency,
			@Nullable String customer) {
		return checkout(id, channel, payment, currency, customer, null);
	}

	/**
	 * Places the order to reach the customer by {@code method}: at {@code destination}
	 * (SHIP, SAME_DAY in the slot starting at {@code slotStart} of the store
	 * {@code slotStore}) or at the store {@code pickup} (PICKUP, CURBSIDE); paid, it is
	 * routed in the same transaction.
	 */
	public Order checkout(CartId id, ChannelId channel, Payment payment, @Nullable String customer,
			FulfilmentMethod method, @Nullable Coordinates destination, @Nullable LocationId pickup,
			@Nullable LocationId slotStore, @Nullable OffsetDateTime slotStart) {
		return checkout(id, channel, payment, null, customer,
				DeliveryStore.of(method.name(), destination == null ? null : destination.latitude(),
						destination == null ? null : destination.longitude(), pickup == null ? null : pickup.value(),
						slotStore == null ? null : slotStore.value(), slotStart == null ? null : slotStart.toString(),
						slotStore != null || slotStart != null));
	}

	/**
	 * Places the order; with {@code delivery} (how it reaches the customer), a paid order
	 * is routed to fulfilment in the same transaction (see {@link Orders#route}).
	 */
	public Order checkout(CartId id, ChannelId channel, Payment payment, @Nullable String currency,
			@Nullable String customer, DeliveryStore.@Nullable Delivery delivery) {
		PaymentProvider provider = payments.get(required(payment.method(), "payment.method"), "payment.method");
		Cart cart = carts.lockOpen(id, customer);
		if (cart.lines().isEmpty()) {
			throw ProblemException.invalidField("lines", "is empty: add a line before checking out");
		}
		if (currency != null && !currency.equals(cart.currency())) {
			throw ProblemException.invalidField("currency",
					"is " + currency + " but cart " + id + " is in " + cart.currency());
		}
		List<OrderLine> lines = priced(cart, channel);
		Money net = lines.stream()
			.map(l -> l.unitNet().times(l.quantity()))
			.reduce(Money.zero(cart.currency()), Money::plus);
		Money tax = lines.stream()
			.map(l -> l.unitTax().times(l.quantity()))
			.reduce(Money.zero(cart.currency()), Money::plus);
		Money total = net.plus(tax);
		Money credit = storeCredit(payment, provider, cart, total);
		OrderId orderId = OrderId.next();
		Instant now = clock.instant();
		boolean later = PaymentProviders.isPayInStore(provider);
		// The cart's own row is written before any stock row is locked: those stay locked
		// to the commit, so the fewer statements after the hold the better
		carts.checkedOut(cart, orderId, channel);
		List<Item> items = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			items.add(new Item(lines.get(i).sku(), lines.get(i).quantity(), "lines[" + i + "].quantity"));
		}
		Duration ttl = later ? min(properties.paymentTtl().plusHours(1), Reservations.MAX_TTL) : Reservations.MAX_TTL;
		String reservation;
		if (delivery == null && cart.reservationId() == null) {
			// The stock is held last, right before the commit (ADR 0023), after
			// the order, its events and the stored answer: the hot stock rows stay
			// locked for that statement and the commit only. A refusal rolls back
			// everything, the payment taken in this transaction included
			reservation = holds.reserveAtCommit(channel, orderId.value(), ReservationKind.ORDER, ttl, items).value();
		}
		else {
			// Routing reads the order's reservation in this transaction, and what the
			// cart held goes back as the order holds anew (nobody can take the units in
			// between): both hold now
			carts.release(cart);
			reservation = holds.reserve(channel, orderId.value(), ReservationKind.ORDER, ttl, items).id().value();
		}
		// Credit first, spent in this transaction: a declined card rolls it back, while a
		// card charged first could not be taken back if the credit then fell short
		PaymentProvider.Payment fromCredit = credit.minorUnits() == 0 ? null : spend(cart.profileId(), orderId, credit);
		PaymentProvider.Payment taken = provider.payFor(cart.profileId(), orderId, total.minus(credit),
				payment.details());
		Order order = new Order(orderId, OrderKind.ONLINE, OrderStatus.PLACED, cart.id(), channel,
				holds.storeOf(channel).map(Location::id).map(Object::toString).orElse(null), cart.currency(),
				cart.country(), cart.profileId() != null ? cart.profileId() : first(cart.customerIds()),
				cart.customerIds(), cart.profileId(), lines, net, tax, total, reservation, provider.method(),
				taken.reference(), taken.captured() ? null : now.plus(properties.paymentTtl()), null, now, null, null,
				null, null, null, now);
		// A captured payment makes the order paid as it is written: one row, both events
		Order paid = taken.captured() ? order.paid(provider.method(), taken.reference(), now) : null;
		orders.insert(paid != null ? paid : order);
		if (fromCredit != null) {
			// A split payment records its parts; an order paid in one go has them
			// recorded when first refunded or charged more (see PaymentStore)
			parts.add(orderId, Refunds.STORE_CREDIT, fromCredit.reference(), credit, OrderPayment.Kind.CHECKOUT, now);
			if (taken.captured()) {
				parts.add(orderId, provider.method(), taken.reference(), total.minus(credit),
						OrderPayment.Kind.CHECKOUT, now);
			}
		}
		if (delivery != null) {
			deliveries.insert(orderId, delivery);
			if (delivery.slot() != null) {
				// The slot's capacity is taken with the order, in its transaction
				slots.book(channel, orderId.value(), delivery.slot().locationId(), delivery.slot().start(),
						"fulfilment.slot");
			}
		}
		timeline.record(order);
		if (paid != null) {
			timeline.record(paid);
			// Only an order that says how it reaches its customer is routed
			order = delivery == null ? paid : lifecycle.route(paid);
		}
		return order;
	}

	/**
	 * The lines at today's prices, which must be the prices the customer saw: any
	 * difference is a 409 naming each line.
	 */
	private List<OrderLine> priced(Cart cart, ChannelId channel) {
		List<OrderLine> lines = new ArrayList<>();
		List<FieldError> changed = new ArrayList<>();
		List<CartChange> changes = new ArrayList<>();
		quotes.prefetch(cart.lines().stream().map(CartLine::sku).toList(), channel, cart.currency(), cart.country());
		for (int i = 0; i < cart.lines().size(); i++) {
			CartLine line = cart.lines().get(i);
			Quotes.Quote quote = quotes.quote(line.sku(), channel, cart.currency(), cart.country());
			PriceQuote price = quote.price();
			if (price == null) {
				String why = quote.refusal() == null ? "is no longer sold"
						: String.valueOf(quote.refusal().getMessage());
				changed.add(new FieldError("lines[" + i + "].sku", why));
				changes
					.add(new CartChange(line.sku(), CartChange.Kind.NOT_SELLABLE, line.unitPrice(), null, null, why));
			}
			else if (!price.gross().equals(line.unitPrice())) {
				changed.add(new FieldError("lines[" + i + "].unitPrice",
						"was " + line.unitPrice() + " when added and is now " + price.gross()));
				changes.add(new CartChange(line.sku(), CartChange.Kind.PRICE, line.unitPrice(), price.gross(), null,
						"The price of '" + line.sku() + "' is now " + price.gross()));
			}
			else {
				lines.add(new OrderLine(line.sku(), line.quantity(), price.gross(), price.net(), price.tax(),
						price.taxRate().rate()));
			}
		}
		if (!changed.isEmpty()) {
			throw new ProblemException(ProblemType.PRICE_CHANGED,
					"Prices or products changed since they were added to " + "cart " + cart.id()
							+ "; show the customer the new prices and accept them before checking out",
					changed)
				.with("changes", changes.stream().map(Checkout::describe).toList());
		}
		return lines;
	}

	private static Map<String, Object> describe(CartChange change) {
		Map<String, Object> described = new java.util.LinkedHashMap<>();
		described.put("sku", change.sku());
		described.put("kind", change.kind().name());
		if (change.seen() != null) {
			described.put("seen", change.seen().minorUnits());
		}
		if (change.current() != null) {
			described.put("current", change.current().minorUnits());
		}
		described.put("message", change.message());
		return described;
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

	static @Nullable String first(List<String> values) {
		return values.isEmpty() ? null : values.getFirst();
	}

	static String required(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			throw ProblemException.invalidField(field, "is required");
		}
		return value;
	}

	/**
	 * The part of the total to pay from the customer's store credit, named in the details
	 * as {@code storeCredit}: zero when none; refused (400) when it is not a whole
	 * positive amount below the total, the method is store credit itself, or the customer
	 * is not known.
	 */
	private static Money storeCredit(Payment payment, PaymentProvider provider, Cart cart, Money total) {
		String asked = payment.details().get(STORE_CREDIT);
		if (asked == null || asked.isBlank()) {
			return Money.zero(cart.currency());
		}
		long amount;
		try {
			amount = Long.parseLong(asked.trim());
		}
		catch (NumberFormatException notWhole) {
			throw ProblemException.invalidField("payment.storeCredit",
					"must be a whole amount in minor units of " + cart.currency());
		}
		if (amount < 0) {
			throw ProblemException.invalidField("payment.storeCredit", "must not be negative");
		}
		if (amount == 0) {
			return Money.zero(cart.currency());
		}
		if (Refunds.STORE_CREDIT.equals(provider.method())) {
			throw ProblemException.invalidField("payment.storeCredit",
					"is for paying part with credit and the rest by another method; store-credit pays it all");
		}
		if (amount >= total.minorUnits()) {
			throw ProblemException.invalidField("payment.storeCredit", "must be less than the total " + total
					+ "; to pay it all with credit, use the method store-credit");
		}
		if (cart.profileId() == null) {
			throw ProblemException.invalidField("payment.storeCredit",
					"needs a known customer: identify her on the cart first");
		}
		return Money.of(amount, cart.currency());
	}

	/** Spends the credit part; a short balance is a 409 naming payment.storeCredit. */
	private PaymentProvider.Payment spend(@Nullable String profileId, OrderId orderId, Money credit) {
		try {
			return payments.get(Refunds.STORE_CREDIT, "payment.storeCredit")
				.payFor(profileId, orderId, credit, Map.of());
		}
		catch (ProblemException refused) {
			throw new ProblemException(ProblemType.CONFLICT, refused.getMessage(),
					List.of(new FieldError("payment.storeCredit", "is more than the customer's store credit")));
		}
	}

	/** How the customer pays: a method and what it needs (a card number). */
	public record Payment(@Nullable String method, Map<String, String> details) {
	}

}
