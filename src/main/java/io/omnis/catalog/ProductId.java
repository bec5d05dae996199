package io.omnis.catalog;

import io.omnis.kernel.Ids;

/**
 * Identifies a product on the wire as {@code prd_…}.
 */
public record ProductId(String value) {

	public static final String PREFIX = "prd";

	public ProductId {
		Ids.require(PREFIX, value);
	}

	public static ProductId next() {
		return new ProductId(Ids.next(PREFIX));
	}

	@Override
	public String toString() {
		return value;
	}

}
