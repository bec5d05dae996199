package io.omnis.catalog;

import io.omnis.kernel.Ids;

/**
 * Identifies a price list on the wire as {@code prl_…}.
 */
public record PriceListId(String value) {

	public static final String PREFIX = "prl";

	public PriceListId {
		Ids.require(PREFIX, value);
	}

	public static PriceListId next() {
		return new PriceListId(Ids.next(PREFIX));
	}

	@Override
	public String toString() {
		return value;
	}

}
