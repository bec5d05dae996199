package io.omnis.order;

import org.jspecify.annotations.Nullable;

/**
 * A line a cart is started with: a SKU and its units, priced by the catalog when the cart
 * is created, as if added right after.
 */
public record NewCartLine(@Nullable String sku, @Nullable Integer quantity) {
}
