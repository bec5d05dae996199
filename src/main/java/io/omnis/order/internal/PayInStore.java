package io.omnis.order.internal;

import java.util.Map;

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

}
