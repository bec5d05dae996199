package io.omnis.fulfilment;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One parcel as the associate packed it, unchecked: the units in it, its weight in grams
 * and optionally its size in millimetres.
 */
public record ParcelInput(@Nullable List<ItemInput> items, @Nullable Integer weightGrams,
		@Nullable DimensionsInput dimensions) {

	public record ItemInput(@Nullable String sku, @Nullable Integer quantity) {
	}

	public record DimensionsInput(@Nullable Integer lengthMm, @Nullable Integer widthMm, @Nullable Integer heightMm) {
	}

}
