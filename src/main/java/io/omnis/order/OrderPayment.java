package io.omnis.order;

import java.time.Instant;

import io.omnis.kernel.Money;

/**
 * An amount taken for an order by one method: a part of its checkout (store credit, then
 * a card for the rest), its payment taken later, or a further charge (an exchange's
 * difference). Refunds give each part back through its own method, never more than it
 * took.
 *
 * @param n its place among the order's payments, 1 first
 * @param reference the provider's id for the payment
 */
public record OrderPayment(OrderId orderId, int n, String method, String reference, Money amount, Money refunded,
		Kind kind, Instant createdAt) {

	/** How much of it is left to give back. */
	public Money left() {
		return amount.minus(refunded);
	}

	public enum Kind {

		/** Taken when the order was placed. */
		CHECKOUT,
		/** Taken later (paid in store at pickup, or by card after placing). */
		PAYMENT,
		/** A further amount charged on the order (an exchange for a dearer item). */
		CHARGE

	}

}
