package io.omnis.order;

import io.omnis.kernel.Ids;

/**
 * Identifies an order on the wire as {@code ord_…}.
 */
public record OrderId(String value) {

	public static final String PREFIX = "ord";

	public OrderId {
		Ids.require(PREFIX, value);
	}

	public static OrderId next() {
		return new OrderId(Ids.next(PREFIX));
	}

	public static boolean isValid(String value) {
		return Ids.isValid(PREFIX, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
