package io.omnis.catalog;

import io.omnis.kernel.Ids;

/**
 * Identifies a variant (one sellable SKU) on the wire as {@code var_…}.
 */
public record VariantId(String value) {

	public static final String PREFIX = "var";

	public VariantId {
		Ids.require(PREFIX, value);
	}

	public static VariantId next() {
		return new VariantId(Ids.next(PREFIX));
	}

	@Override
	public String toString() {
		return value;
	}

}
