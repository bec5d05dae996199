package io.omnis.order.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.conversation.OrderStatusLookup;
import io.omnis.customer.Identifier;
import io.omnis.fulfilment.FulfilmentId;
import io.omnis.fulfilment.Parcel;
import io.omnis.fulfilment.Parcels;
import io.omnis.order.Order;
import io.omnis.order.OrderId;

/**
 * Answers the self-service assistant's "where is my order": the order with that number,
 * only when the e-mail address or phone number she gives is one the order was placed
 * with. An unknown number, a malformed one and a wrong contact all answer nothing alike,
 * so that nothing tells her whether the order exists.
 */
@Component
@Transactional(readOnly = true)
class StatusForAssistant implements OrderStatusLookup {

	private final OrderStore orders;

	private final DeliveryStore deliveries;

	private final Parcels parcels;

	StatusForAssistant(OrderStore orders, DeliveryStore deliveries, Parcels parcels) {
		this.orders = orders;
		this.deliveries = deliveries;
		this.parcels = parcels;
	}

	@Override
	public Optional<OrderStatus> find(String orderNumber, String emailOrPhone) {
		String number = orderNumber.strip().toLowerCase(Locale.ROOT);
		Optional<Identifier> contact = contact(emailOrPhone);
		if (!OrderId.isValid(number) || contact.isEmpty()) {
			return Optional.empty();
		}
		String proof = contact.get().toString();
		return orders.find(new OrderId(number), false)
			.filter(order -> order.customerIds().contains(proof))
			.map(order -> status(order, trackingUrl(order)));
	}

	/** The link of the latest parcel handed to a carrier, if any. */
	private @Nullable String trackingUrl(Order order) {
		FulfilmentId fulfilment = deliveries.find(order.id()).map(DeliveryStore.Delivery::fulfilmentId).orElse(null);
		if (fulfilment == null) {
			return null;
		}
		List<Parcel> shipped = parcels.of(fulfilment).stream().filter(p -> p.trackingUrl() != null).toList();
		return shipped.isEmpty() ? null : shipped.get(shipped.size() - 1).trackingUrl();
	}

	private static Optional<Identifier> contact(String emailOrPhone) {
		String given = emailOrPhone.strip();
		return given.contains("@") ? Identifier.normalised("email", given) : Identifier.normalised("phone", given);
	}

	private static OrderStatus status(Order order, @Nullable String trackingUrl) {
		String status = switch (order.status()) {
			case PLACED -> "placed, waiting for payment";
			case PAID -> "paid, being prepared";
			case ALLOCATED -> "being picked at the warehouse or store";
			case FULFILLED -> "sent or ready for you";
			case COMPLETED -> "completed";
			case CANCELLED -> "cancelled";
		};
		return new OrderStatus(order.id().value(), status, trackingUrl);
	}

}
