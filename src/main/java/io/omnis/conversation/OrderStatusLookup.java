package io.omnis.conversation;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The hook for "where is my order": an order module implements this as a bean, and the
 * assistant answers with the order's status once the customer named the order and the
 * e-mail address or phone number it was placed with. Without such a bean the assistant
 * hands these questions to a person.
 */
public interface OrderStatusLookup {

	/**
	 * The order with this number, only if it was placed with this e-mail address or phone
	 * number (the proof that she is who she says).
	 */
	Optional<OrderStatus> find(String orderNumber, String emailOrPhone);

	record OrderStatus(String orderNumber, String status, @Nullable String trackingUrl) {
	}

}
