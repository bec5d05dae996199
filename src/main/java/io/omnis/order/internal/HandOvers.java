package io.omnis.order.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.fulfilment.FulfilmentHandedOver;
import io.omnis.order.Orders;

/**
 * A routed order follows its fulfilment: when the last line is handed over (and the
 * fulfilment consumed its reservation) the order is fulfilled. Redelivery changes
 * nothing.
 */
@Component
class HandOvers {

	private final Orders orders;

	HandOvers(Orders orders) {
		this.orders = orders;
	}

	@ApplicationModuleListener
	void on(FulfilmentHandedOver event) {
		orders.handedOver(event.fulfilmentId());
	}

}
