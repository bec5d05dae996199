package io.omnis.returns;

import io.omnis.kernel.Ids;

/**
 * Identifies a return on the wire as {@code ret_…}.
 */
public record ReturnId(String value) {

	public static final String PREFIX = "ret";

	public ReturnId {
		Ids.require(PREFIX, value);
	}

	public static ReturnId next() {
		return new ReturnId(Ids.next(PREFIX));
	}

	public static boolean isValid(String value) {
		return Ids.isValid(PREFIX, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
