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

	public static boolean isPayInStore(PaymentProvider provider) {
		return PayInStore.METHOD.equals(provider.method());
	}

}
