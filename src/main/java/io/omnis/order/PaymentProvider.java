package io.omnis.order;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.omnis.kernel.Money;
import io.omnis.kernel.problem.ProblemException;

/**
 * A way to pay for an order. Omnis ships {@code pay-in-store} (pay on pickup) and
 * {@code test-card}; a real card acquirer is another bean implementing this.
 */
public interface PaymentProvider {

	/** The method name clients choose it by: {@code test-card}. */
	String method();

	/**
	 * Takes the payment, or says it will be taken later (pay on pickup).
	 * @param details what the client sent for this method (a card number, a token)
	 * @throws io.omnis.kernel.problem.ProblemException a {@code payment-declined} problem
	 * naming the field at fault
	 */
	Payment pay(OrderId order, Money amount, Map<String, String> details);

	/**
	 * Takes the payment for a known customer (her profile, when the order has one). A
	 * provider that pays from something of hers (store credit) needs to know whose it is;
	 * the others ignore it.
	 */
	default Payment payFor(@Nullable String profileId, OrderId order, Money amount, Map<String, String> details) {
		return pay(order, amount, details);
	}

	/**
	 * Gives back part or all of a captured payment.
	 * @param paymentReference the provider's id for the payment refunded
	 * @param profileId the order's customer, when known
	 * @throws ProblemException a conflict when the method cannot refund
	 */
	default Refund refund(OrderId order, @Nullable String paymentReference, Money amount, @Nullable String profileId) {
		throw ProblemException.conflict("Payments by " + method() + " cannot be refunded through Omnis");
	}

	/**
	 * What a provider answered.
	 *
	 * @param captured whether the money is taken; otherwise the order waits, unpaid
	 * @param reference the provider's id for the payment
	 */
	record Payment(boolean captured, String reference) {
	}

	/**
	 * What a provider answered to a refund.
	 *
	 * @param reference the provider's id for the refund
	 */
	record Refund(String reference) {
	}

}
