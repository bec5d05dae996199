package io.omnis.order;

import java.math.BigDecimal;
import java.time.Instant;

import io.omnis.catalog.PriceQuote;
import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;

/**
 * Units of one SKU in a cart, at the price the customer saw when she added them.
 *
 * @param unitPrice the gross unit price shown to her (net + tax)
 * @param channelId the channel she added it in
 */
public record CartLine(String sku, int quantity, Money unitPrice, Money unitNet, Money unitTax, BigDecimal taxRate,
		ChannelId channelId, Instant addedAt) {

	/** Units added now in a channel, at the catalog's quote. */
	static CartLine quoted(String sku, int quantity, PriceQuote quote, ChannelId channel, Instant addedAt) {
		return new CartLine(sku, quantity, quote.gross(), quote.net(), quote.tax(), quote.taxRate().rate(), channel,
				addedAt);
	}

	public Money total() {
		return unitPrice.times(quantity);
	}

	CartLine withQuantity(int newQuantity) {
		return new CartLine(sku, newQuantity, unitPrice, unitNet, unitTax, taxRate, channelId, addedAt);
	}

}
