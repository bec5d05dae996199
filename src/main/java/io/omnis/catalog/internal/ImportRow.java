package io.omnis.catalog.internal;

import org.jspecify.annotations.Nullable;

/**
 * One checked row of an import: a variant and its product's fields. A {@code null} is an
 * empty cell; the jsonb fields are JSON text.
 */
public record ImportRow(int line, String handle, @Nullable String status, @Nullable String title,
		@Nullable String description, @Nullable String attributes, String sku, @Nullable String barcode,
		@Nullable String options, @Nullable Integer weightGrams, @Nullable String taxCategory, @Nullable Long price) {
}
