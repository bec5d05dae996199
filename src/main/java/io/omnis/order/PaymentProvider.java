package io.omnis.order;

import java.util.Map;

import io.omnis.kernel.Money;

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
	 * What a provider answered.
	 *
	 * @param captured whether the money is taken; otherwise the order waits, unpaid
	 * @param reference the provider's id for the payment
	 */
	record Payment(boolean captured, String reference) {
	}

}
