package io.omnis.order;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.kernel.Money;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.order.internal.OrderStore;
import io.omnis.order.internal.PaymentProviders;
import io.omnis.order.internal.PaymentStore;

/**
 * Takes an extra amount from the customer of an order through the provider that took the
 * order's payment (an exchange for a dearer item), and gives such a charge back. The
 * charge is recorded among the order's payments, so its refunds can give it back; the
 * order's own totals do not change.
 */
@Service
@Transactional
public class Charges {

	private final OrderStore orders;

	private final PaymentProviders payments;

	private final PaymentStore parts;

	private final Clock clock;

	Charges(OrderStore orders, PaymentProviders payments, PaymentStore parts, Clock clock) {
		this.parts = parts;
		this.clock = clock;
		this.orders = orders;
		this.payments = payments;
	}

	/**
	 * Charges the amount by the order's payment method.
	 * @param details what the client sent for the method (a card number, a token)
	 * @param field where a refusal points: {@code exchange.payment}
	 * @throws ProblemException {@code payment-declined} (402) or a problem naming the
	 * field under {@code field}; nothing was taken
	 */
	public Charge charge(OrderId id, Money amount, @Nullable Map<String, String> details, String field) {
		// Locked: the charge is numbered after the order's other payments
		Order order = orders.find(id, true).orElseThrow(() -> new NotFoundException("order", id.value()));
		if (amount.isNegative() || amount.minorUnits() == 0) {
			throw ProblemException.invalidField("amount", "must be more than zero");
		}
		PaymentProvider provider;
		try {
			provider = payments.get(order.paymentMethod(), field + ".method");
		}
		catch (ProblemException unknown) {
			throw new ProblemException(ProblemType.CONFLICT,
					"Order " + id + " was paid by '" + order.paymentMethod()
							+ "', which cannot take a further amount through Omnis",
					List.of(new FieldError(field, "cannot be charged by " + order.paymentMethod())));
		}
		PaymentProvider.Payment payment;
		try {
			payment = provider.payFor(order.profileId(), id, amount, details == null ? Map.of() : details);
		}
		catch (ProblemException refused) {
			ProblemException named = new ProblemException(refused.type(),
					refused.getMessage() + " (charging " + amount + ")",
					refused.errors()
						.stream()
						.map(e -> new FieldError(e.field().startsWith("payment.") ? field + e.field().substring(7)
								: field + "." + e.field(), e.message()))
						.toList());
			refused.properties().forEach(named::with);
			throw named;
		}
		if (!payment.captured()) {
			throw new ProblemException(ProblemType.CONFLICT,
					"Order " + id + " is paid by " + provider.method()
							+ ", which takes money later, not a further amount now",
					List.of(new FieldError(field, "cannot be charged by " + provider.method())));
		}
		// The charge is part of what the order's refunds can give back, by this method
		parts.recordLegacy(order);
		parts.add(id, provider.method(), payment.reference(), amount, OrderPayment.Kind.CHARGE, clock.instant());
		return new Charge(provider.method(), payment.reference(), amount);
	}

	/** Gives a charge back through the provider that took it. */
	public String giveBack(OrderId id, Charge charge) {
		Order order = orders.find(id, false).orElseThrow(() -> new NotFoundException("order", id.value()));
		Money amount = charge.amount();
		OrderPayment part = parts.lock(id)
			.stream()
			.filter(p -> p.kind() == OrderPayment.Kind.CHARGE && p.reference().equals(charge.reference()))
			.findFirst()
			.orElse(null);
		if (part != null) {
			// What a refund of the order gave back of this charge already is not given
			// twice
			amount = part.left();
			if (amount.minorUnits() == 0 || !parts.claim(id, part.n(), amount.minorUnits())) {
				return "refunded-earlier:" + charge.reference();
			}
		}
		return payments.forRefund(charge.method())
			.refund(id, charge.reference(), amount, order.profileId())
			.reference();
	}

	/**
	 * An amount taken.
	 *
	 * @param reference the provider's id for the payment
	 */
	public record Charge(String method, String reference, Money amount) {
	}

}
