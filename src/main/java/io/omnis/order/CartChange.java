package io.omnis.order;

import org.jspecify.annotations.Nullable;

import io.omnis.kernel.Money;

/**
 * Something that changed since the customer added a line, reported to her and never
 * applied silently: a new price ({@code PRICE}), fewer units than she wants
 * ({@code AVAILABILITY}), or a product no longer sold in this channel
 * ({@code NOT_SELLABLE}).
 */
public record CartChange(String sku, Kind kind, @Nullable Money seen, @Nullable Money current,
		@Nullable Integer available, String message) {

	/** What changed. */
	public enum Kind {

		PRICE, AVAILABILITY, NOT_SELLABLE

	}

}
