package io.omnis.order.internal;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.omnis.kernel.Ids;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.order.OrderId;
import io.omnis.order.PaymentProvider;

/**
 * A card acquirer for tests and demos, answering like Stripe's test numbers: 4242 4242
 * 4242 4242 is paid, 4000 0000 0000 0002 is declined; any other number is refused.
 */
@Component
class TestCard implements PaymentProvider {

	static final String PAID = "4242424242424242";

	static final String DECLINED = "4000000000000002";

	@Override
	public String method() {
		return "test-card";
	}

	@Override
	public Payment pay(OrderId order, Money amount, Map<String, String> details) {
		String number = details.getOrDefault("cardNumber", "").replaceAll("[\\s-]", "");
		if (number.equals(DECLINED)) {
			throw new ProblemException(ProblemType.PAYMENT_DECLINED,
					"The card was declined (test card " + DECLINED + "); nothing was charged and no order was placed",
					List.of(new FieldError("payment.cardNumber", "was declined")))
				.with("declineCode", "card_declined");
		}
		if (!number.equals(PAID)) {
			throw ProblemException.invalidField("payment.cardNumber",
					"must be a test card number: " + PAID + " (paid) or " + DECLINED + " (declined)");
		}
		return new Payment(true, Ids.next("pay"));
	}

	/** Test-card refunds always succeed, as Stripe's test mode does. */
	@Override
	public Refund refund(OrderId order, @Nullable String paymentReference, Money amount, @Nullable String profileId) {
		return new Refund(Ids.next("rfd"));
	}

}
