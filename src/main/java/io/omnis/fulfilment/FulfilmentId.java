package io.omnis.fulfilment;

import io.omnis.kernel.Ids;

/**
 * Identifies a routed request on the wire as {@code ful_…}.
 */
public record FulfilmentId(String value) {

	public static final String PREFIX = "ful";

	public FulfilmentId {
		Ids.require(PREFIX, value);
	}

	public static FulfilmentId next() {
		return new FulfilmentId(Ids.next(PREFIX));
	}

	public static boolean isValid(String value) {
		return Ids.isValid(PREFIX, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
