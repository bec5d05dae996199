package io.omnis.inventory;

import io.omnis.kernel.Ids;

/**
 * Identifies a reservation on the wire as {@code res_…}.
 */
public record ReservationId(String value) {

	public static final String PREFIX = "res";

	public ReservationId {
		Ids.require(PREFIX, value);
	}

	public static ReservationId next() {
		return new ReservationId(Ids.next(PREFIX));
	}

	public static boolean isValid(String value) {
		return Ids.isValid(PREFIX, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
