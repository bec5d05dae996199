package io.omnis.order.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.omnis.kernel.problem.ProblemException;
import io.omnis.order.PaymentProvider;

/**
 * Every payment provider bean, by method name.
 */
@Component
public class PaymentProviders {

	private final Map<String, PaymentProvider> byMethod;

	PaymentProviders(List<PaymentProvider> providers) {
		this.byMethod = providers.stream().collect(Collectors.toMap(PaymentProvider::method, Function.identity()));
	}

	public PaymentProvider get(String method, String field) {
		PaymentProvider provider = byMethod.get(method);
		if (provider == null) {
			throw ProblemException.invalidField(field,
					"must be one of " + byMethod.keySet().stream().sorted().toList());
		}
		return provider;
	}

	/**
	 * The provider that refunds a payment taken by {@code method}: a till sale paid in
	 * cash ({@code in-store}) is refunded at the counter like pay-in-store.
	 */
	public PaymentProvider forRefund(String method) {
		PaymentProvider provider = byMethod.get("in-store".equals(method) ? PayInStore.METHOD : method);
		if (provider == null) {
			throw ProblemException.conflict("No payment provider '" + method + "' is installed to refund through");
		}
		return provider;
	}

	public static boolean isPayInStore(PaymentProvider provider) {
		return PayInStore.METHOD.equals(provider.method());
	}

}
