package io.omnis.catalog;

import io.omnis.kernel.Money;

/**
 * What a variant costs in one price list.
 */
public record Price(PriceListId priceListId, VariantId variantId, String sku, Money amount) {
}
