package io.omnis.catalog;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;

/**
 * The price of a SKU in a channel and currency at an instant: the amount of the list that
 * applies, and its split into net, tax and gross at the tax rate of the variant's
 * category.
 */
public record PriceQuote(String sku, VariantId variantId, ProductId productId, @Nullable ChannelId channel, Instant at,
		PriceList priceList, Money listed, TaxRate taxRate, Money net, Money tax, Money gross) {
}
