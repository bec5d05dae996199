package io.omnis.order.internal;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.fulfilment.CustomerArrived;
import io.omnis.fulfilment.PickupCollected;
import io.omnis.fulfilment.PickupExpired;
import io.omnis.fulfilment.PickupReady;
import io.omnis.kernel.CustomerActivity;
import io.omnis.order.OrderId;
import io.omnis.order.PickupNotices;

/**
 * A click-and-collect order follows its pickup: ready (the customer gets her code),
 * collected at the counter and arrived at the curb (on her timeline), not collected in
 * time (cancelled, she is told).
 */
@Component
class PickupListener {

	private final PickupNotices notices;

	private final DeliveryStore deliveries;

	private final OrderStore orders;

	private final ApplicationEventPublisher events;

	PickupListener(PickupNotices notices, DeliveryStore deliveries, OrderStore orders,
			ApplicationEventPublisher events) {
		this.notices = notices;
		this.deliveries = deliveries;
		this.orders = orders;
		this.events = events;
	}

	@ApplicationModuleListener
	void on(PickupReady ready) {
		notices.ready(ready.fulfilmentId());
	}

	@ApplicationModuleListener
	void on(PickupExpired expired) {
		notices.expired(expired);
	}

	@ApplicationModuleListener
	void on(PickupCollected collected) {
		deliveries.orderOf(collected.fulfilmentId()).flatMap(id -> orders.find(id, false)).ifPresent(order -> {
			String customer = order.profileId() != null ? order.profileId() : order.customer();
			if (customer != null) {
				events.publishEvent(new CustomerActivity(customer, collected.occurredAt(), "order.collected",
						order.channelId().value(),
						"Collected " + collected.handedOver() + " items of order " + order.id() + " at "
								+ collected.locationId() + " (handed over by " + collected.handedBy() + ")"
								+ (collected.remaining() > 0 ? "; " + collected.remaining() + " still waiting" : "")
								+ (collected.returned() > 0 ? "; " + collected.returned() + " returned to stock" : ""),
						order.id().value()));
			}
		});
	}

	@ApplicationModuleListener
	void on(CustomerArrived arrived) {
		if (!OrderId.isValid(arrived.reference())) {
			return;
		}
		orders.find(new OrderId(arrived.reference()), false).ifPresent(order -> {
			String customer = order.profileId() != null ? order.profileId() : order.customer();
			if (customer != null) {
				events.publishEvent(
						new CustomerActivity(customer, arrived.occurredAt(), "order.arrived", order.channelId().value(),
								"Arrived for curbside order " + order.id() + ", parked at " + arrived.parkingSpot(),
								order.id().value()));
			}
		});
	}

}
