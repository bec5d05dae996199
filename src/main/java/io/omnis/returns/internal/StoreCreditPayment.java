package io.omnis.returns.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.omnis.kernel.Money;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.order.OrderId;
import io.omnis.order.PaymentProvider;
import io.omnis.returns.StoreCredit;

/**
 * Pays an order from the customer's store credit ({@code store-credit}): the whole total,
 * taken at once; a refund of such an order credits her again.
 */
@Component
class StoreCreditPayment implements PaymentProvider {

	private final StoreCredit credit;

	StoreCreditPayment(StoreCredit credit) {
		this.credit = credit;
	}

	@Override
	public String method() {
		return "store-credit";
	}

	@Override
	public Payment pay(OrderId order, Money amount, Map<String, String> details) {
		return payFor(null, order, amount, details);
	}

	@Override
	public Payment payFor(@Nullable String profileId, OrderId order, Money amount, Map<String, String> details) {
		if (profileId == null) {
			throw ProblemException.invalidField("payment.method",
					"store-credit needs a known customer: identify her on the cart first");
		}
		return new Payment(true, credit.spend(profileId, amount, order.value()).id());
	}

	@Override
	public Refund refund(OrderId order, @Nullable String paymentReference, Money amount, @Nullable String profileId) {
		if (profileId == null) {
			throw ProblemException.conflict("Order " + order + " was paid with store credit but has no customer");
		}
		return new Refund(credit.credit(profileId, amount, order.value(), "refund").id());
	}

}
