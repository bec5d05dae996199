package io.omnis.order;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.kernel.CustomerActivity;
import io.omnis.kernel.Ids;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.order.internal.OrderStore;
import io.omnis.order.internal.PaymentProviders;
import io.omnis.order.internal.PaymentStore;
import io.omnis.order.internal.RefundStore;

/**
 * Gives money back on an order through the providers that took it: never more than each
 * payment took (conditional UPDATEs under the payments' row locks), each refund recorded
 * with the provider's reference, published and put on the customer's timeline.
 */
@Service
@Transactional
public class Refunds {

	static final String STORE_CREDIT = "store-credit";

	private final OrderStore orders;

	private final RefundStore store;

	private final PaymentProviders payments;

	private final PaymentStore paid;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Refunds(OrderStore orders, RefundStore store, PaymentProviders payments, PaymentStore paid,
			ApplicationEventPublisher events, Clock clock) {
		this.paid = paid;
		this.orders = orders;
		this.store = store;
		this.payments = payments;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Refunds {@code amount} of the order, split over the payments that took it (see
	 * {@link #refundParts}).
	 * @return the first part given back; the others are in {@link #of}
	 */
	public OrderRefund refund(OrderId id, Money amount, String reason, @Nullable String source) {
		return refundParts(id, amount, reason, source).getFirst();
	}

	/**
	 * Refunds {@code amount} of the order through the methods that took it: every method
	 * other than store credit first, in the order the payments were taken, then store
	 * credit; never more than a payment took. Each part is its own refund, published and
	 * put on the customer's timeline.
	 * @param reason why ({@code cancelled}, {@code return})
	 * @param source what caused it (a return's id), if anything
	 * @throws ProblemException 409 naming {@code amount} when it is more than is left to
	 * refund
	 */
	public List<OrderRefund> refundParts(OrderId id, Money amount, String reason, @Nullable String source) {
		// The order's row first, as a charge does: refunds and charges of one order take
		// turns, and always lock in the same order
		Order order = orders.find(id, true).orElseThrow(() -> new NotFoundException("order", id.value()));
		if (amount.isNegative() || amount.minorUnits() == 0) {
			throw ProblemException.invalidField("amount", "must be more than zero");
		}
		if (!amount.currency().getCurrencyCode().equals(order.currency())) {
			throw ProblemException.invalidField("amount", "must be in " + order.currency());
		}
		paid.recordLegacy(order);
		List<OrderPayment> parts = paid.lock(id);
		long left = parts.stream().mapToLong(p -> p.left().minorUnits()).sum();
		if (amount.minorUnits() > left) {
			throw new ProblemException(ProblemType.CONFLICT,
					"Order " + id + " has " + Money.of(left, order.currency()) + " left to refund, less than " + amount,
					List.of(new FieldError("amount", "is more than is left to refund")));
		}
		List<OrderRefund> given = new ArrayList<>();
		long remaining = amount.minorUnits();
		for (OrderPayment part : inRefundOrder(parts)) {
			long take = Math.min(remaining, part.left().minorUnits());
			if (take <= 0) {
				continue;
			}
			if (!paid.claim(id, part.n(), take)) {
				throw ProblemException.conflict("Payment " + part.n() + " of order " + id + " changed meanwhile");
			}
			given.add(giveBack(order, part, Money.of(take, order.currency()), reason, source));
			remaining -= take;
			if (remaining == 0) {
				break;
			}
		}
		store.add(id, amount.minorUnits());
		return given;
	}

	/**
	 * Card (and any method but store credit) first, in the order taken, then store
	 * credit: money from her bank goes back to her bank before she is left holding credit
	 * she can only spend here.
	 */
	static List<OrderPayment> inRefundOrder(List<OrderPayment> parts) {
		return parts.stream()
			.sorted(Comparator.comparing((OrderPayment p) -> STORE_CREDIT.equals(p.method()))
				.thenComparingInt(OrderPayment::n))
			.toList();
	}

	private OrderRefund giveBack(Order order, OrderPayment part, Money amount, String reason, @Nullable String source) {
		OrderId id = order.id();
		PaymentProvider provider = payments.forRefund(part.method());
		PaymentProvider.Refund given = provider.refund(id, part.reference(), amount, order.profileId());
		OrderRefund refund = new OrderRefund(Ids.next("ref"), id, amount, provider.method(), given.reference(), reason,
				source, clock.instant());
		store.insert(refund);
		events.publishEvent(new OrderRefunded(id, order.channelId(), order.profileId(), refund.id(), amount, reason,
				source, refund.createdAt()));
		if (order.profileId() != null) {
			events.publishEvent(new CustomerActivity(order.profileId(), refund.createdAt(), "order.refunded",
					order.channelId().value(),
					"Order " + id + " refunded " + amount + " (" + reason + ") by " + provider.method(), id.value()));
		}
		return refund;
	}

	/**
	 * What was taken for the order, by each method: its recorded payments, or (an order
	 * paid in one go) its total once paid.
	 */
	@Transactional(readOnly = true)
	public List<OrderPayment> payments(Order order) {
		List<OrderPayment> parts = paid.of(order.id());
		if (!parts.isEmpty() || order.paidAt() == null || order.total().minorUnits() == 0) {
			return parts;
		}
		return List.of(new OrderPayment(order.id(), 1, order.paymentMethod(),
				order.paymentReference() == null ? "" : order.paymentReference(), order.total(), refunded(order),
				OrderPayment.Kind.CHECKOUT, order.paidAt()));
	}

	/**
	 * All that was taken for the order: its payments, an exchange's charged difference
	 * included; what a refund can give back at most.
	 */
	@Transactional(readOnly = true)
	public Money taken(Order order) {
		return Money.of(payments(order).stream().mapToLong(p -> p.amount().minorUnits()).sum(), order.currency());
	}

	/** What is left to refund of all that was taken. */
	@Transactional(readOnly = true)
	public Money left(Order order) {
		return Money.of(payments(order).stream().mapToLong(p -> p.left().minorUnits()).sum(), order.currency());
	}

	/** Refunds whatever of the order's captured payment is not refunded yet, if any. */
	public @Nullable OrderRefund refundRest(Order order, String reason) {
		long left = left(order).minorUnits();
		return left <= 0 ? null : refund(order.id(), Money.of(left, order.currency()), reason, null);
	}

	@Transactional(readOnly = true)
	public List<OrderRefund> of(OrderId order) {
		return store.of(order);
	}

	/** What is refunded of the order so far. */
	@Transactional(readOnly = true)
	public Money refunded(Order order) {
		return Money.of(store.refunded(order.id()), order.currency());
	}

}
