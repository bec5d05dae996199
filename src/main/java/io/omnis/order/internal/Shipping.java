package io.omnis.order.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.fulfilment.FulfilmentDelivered;
import io.omnis.fulfilment.LineRerouted;
import io.omnis.fulfilment.OrderRouter;
import io.omnis.order.Orders;

/**
 * A routed order follows what happens to its parcels and lines: every parcel delivered
 * completes it; units no location can serve become a shortage owed back to the customer
 * (and cancel the order when nothing else is left). Redelivery changes nothing more.
 */
@Component
class Shipping {

	private final Orders orders;

	private final OrderRouter router;

	Shipping(Orders orders, OrderRouter router) {
		this.orders = orders;
		this.router = router;
	}

	@ApplicationModuleListener
	void on(FulfilmentDelivered event) {
		orders.delivered(event.fulfilmentId());
	}

	@ApplicationModuleListener
	void on(LineRerouted event) {
		if (event.unfillable()) {
			boolean nothingLeft = router.get(event.fulfilmentId().value()).active().isEmpty();
			orders.unfillable(event.fulfilmentId(), event.sku().value(), event.quantity(), nothingLeft,
					event.occurredAt());
		}
	}

}
