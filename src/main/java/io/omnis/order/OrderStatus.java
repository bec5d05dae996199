package io.omnis.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of an order: placed → paid → allocated → fulfilled → completed, or
 * cancelled before it is fulfilled.
 */
public enum OrderStatus {

	PLACED, PAID, ALLOCATED, FULFILLED, COMPLETED, CANCELLED;

	/** The states this one may move to. */
	public Set<OrderStatus> next() {
		return switch (this) {
			case PLACED -> EnumSet.of(PAID, CANCELLED);
			case PAID -> EnumSet.of(ALLOCATED, CANCELLED);
			case ALLOCATED -> EnumSet.of(FULFILLED, CANCELLED);
			case FULFILLED -> EnumSet.of(COMPLETED);
			case COMPLETED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
		};
	}

	public boolean canBecome(OrderStatus other) {
		return next().contains(other);
	}

}
