package io.omnis.order;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.kernel.Money;

/**
 * Money given back on an order, as its payment provider answered.
 *
 * @param reference the provider's id for the refund
 * @param reason why: {@code cancelled}, {@code return}
 * @param sourceReference what caused it, such as the return {@code ret_…}
 */
public record OrderRefund(String id, OrderId orderId, Money amount, String paymentMethod, String reference,
		String reason, @Nullable String sourceReference, Instant createdAt) {
}
