package io.omnis.order;

import io.omnis.kernel.Ids;

/**
 * Identifies a cart on the wire as {@code crt_…}.
 */
public record CartId(String value) {

	public static final String PREFIX = "crt";

	public CartId {
		Ids.require(PREFIX, value);
	}

	public static CartId next() {
		return new CartId(Ids.next(PREFIX));
	}

	public static boolean isValid(String value) {
		return Ids.isValid(PREFIX, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
