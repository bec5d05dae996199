package io.omnis.order;

import java.time.Clock;
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
import io.omnis.order.internal.RefundStore;

/**
 * Gives money back on an order through the provider that took it: never more than was
 * captured (the running total is one conditional UPDATE), each refund recorded with the
 * provider's reference, published and put on the customer's timeline.
 */
@Service
@Transactional
public class Refunds {

	private final OrderStore orders;

	private final RefundStore store;

	private final PaymentProviders payments;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Refunds(OrderStore orders, RefundStore store, PaymentProviders payments, ApplicationEventPublisher events,
			Clock clock) {
		this.orders = orders;
		this.store = store;
		this.payments = payments;
		this.events = events;
		this.clock = clock;
	}

	/** What was captured on the order: its total once paid, nothing before. */
	public static Money captured(Order order) {
		return order.paidAt() == null ? Money.zero(order.currency()) : order.total();
	}

	/**
	 * Refunds {@code amount} of the order.
	 * @param reason why ({@code cancelled}, {@code return})
	 * @param source what caused it (a return's id), if anything
	 * @throws ProblemException 409 naming {@code amount} when it is more than is left to
	 * refund
	 */
	public OrderRefund refund(OrderId id, Money amount, String reason, @Nullable String source) {
		Order order = orders.find(id, false).orElseThrow(() -> new NotFoundException("order", id.value()));
		if (amount.isNegative() || amount.minorUnits() == 0) {
			throw ProblemException.invalidField("amount", "must be more than zero");
		}
		Money captured = captured(order);
		if (!store.claim(id, amount.minorUnits(), captured.minorUnits())) {
			long left = captured.minorUnits() - store.refunded(id);
			throw new ProblemException(ProblemType.CONFLICT,
					"Order " + id + " has " + Money.of(Math.max(0, left), order.currency())
							+ " left to refund, less than " + amount,
					List.of(new FieldError("amount", "is more than is left to refund")));
		}
		PaymentProvider provider = payments.forRefund(order.paymentMethod());
		PaymentProvider.Refund given = provider.refund(id, order.paymentReference(), amount, order.profileId());
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

	/** Refunds whatever of the order's captured payment is not refunded yet, if any. */
	public @Nullable OrderRefund refundRest(Order order, String reason) {
		long left = captured(order).minorUnits() - store.refunded(order.id());
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
