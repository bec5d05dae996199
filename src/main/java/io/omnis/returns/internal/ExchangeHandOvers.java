package io.omnis.returns.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.fulfilment.FulfilmentHandedOver;
import io.omnis.returns.Returns;

/**
 * Notes on a return that its exchanged item was handed over (or shipped), once the
 * fulfilment that serves it says so.
 */
@Component
class ExchangeHandOvers {

	private final Returns returns;

	ExchangeHandOvers(Returns returns) {
		this.returns = returns;
	}

	@ApplicationModuleListener
	void on(FulfilmentHandedOver event) {
		returns.exchangeHandedOver(event.fulfilmentId());
	}

}
