package io.omnis.returns;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.order.OrderId;

/**
 * Returned units were received at a location and the return resolved.
 */
public record ReturnReceived(ReturnId returnId, OrderId orderId, @Nullable String profileId, String locationId,
		ReturnStatus status, Instant occurredAt) {
}
