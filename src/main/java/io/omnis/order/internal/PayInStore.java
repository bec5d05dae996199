package io.omnis.order.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.omnis.kernel.Money;
import io.omnis.order.OrderId;
import io.omnis.order.PaymentProvider;

/**
 * Pay on pickup: nothing is taken now; the order waits, placed and unpaid, until the
 * store takes the money or the payment window closes.
 */
@Component
class PayInStore implements PaymentProvider {

	static final String METHOD = "pay-in-store";

	@Override
	public String method() {
		return METHOD;
	}

	@Override
	public Payment pay(OrderId order, Money amount, Map<String, String> details) {
		return new Payment(false, "in-store:" + order);
	}

	/**
	 * The store gives the money back at its counter; Omnis records that it is owed. An
	 * order never paid is never refunded (the caller refunds only what was captured).
	 */
	@Override
	public Refund refund(OrderId order, @Nullable String paymentReference, Money amount, @Nullable String profileId) {
		return new Refund("in-store-refund:" + order);
	}

}
