package io.omnis.order.internal;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.omnis.kernel.CustomerActivity;
import io.omnis.order.Order;
import io.omnis.order.OrderKind;
import io.omnis.order.OrderPlaced;
import io.omnis.order.OrderStatus;

/**
 * Tells other modules what happened to an order: its domain event, and an activity on the
 * customer's timeline when the customer is known.
 */
@Component
public class Timeline {

	private final ApplicationEventPublisher events;

	Timeline(ApplicationEventPublisher events) {
		this.events = events;
	}

	public void record(Order order) {
		if (order.kind() == OrderKind.TILL_SALE && order.status() == OrderStatus.COMPLETED) {
			// Rung up and completed at once: listeners of placed orders hear of it too
			events.publishEvent(new OrderPlaced(order.id(), order.kind(), order.channelId(), order.profileId(),
					order.total(), order.placedAt()));
		}
		events.publishEvent(order.event());
		// Only a known customer has a timeline; an anonymous order is still found in her
		// history through its identifiers once they join a profile
		String customer = order.profileId();
		if (customer == null) {
			return;
		}
		String verb = order.status().name().toLowerCase(java.util.Locale.ROOT);
		String what = order.kind() == OrderKind.TILL_SALE ? "Till sale " : "Order ";
		events.publishEvent(new CustomerActivity(customer, order.updatedAt(), "order." + verb,
				order.channelId().value(),
				what + order.id() + " " + verb + ", " + order.units() + (order.units() == 1 ? " item, " : " items, ")
						+ order.total() + (order.cancelReason() == null ? "" : " (" + order.cancelReason() + ")"),
				order.id().value()));
	}

	/**
	 * Units of the order no location can serve: the customer is told they will not come
	 * and are owed back.
	 */
	public void shortage(Order order, String sku, int quantity, java.time.Instant at) {
		// Her profile, or the identifier she ordered under (the customer module finds
		// her)
		String customer = order.profileId() != null ? order.profileId() : order.customer();
		if (customer == null) {
			return;
		}
		events.publishEvent(new CustomerActivity(
				customer, at, "order.shortage", order.channelId().value(), quantity + " × " + sku + " of order "
						+ order.id() + " cannot be delivered (no location has it); its refund is pending",
				order.id().value()));
	}

}
