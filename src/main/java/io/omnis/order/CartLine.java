package io.omnis.order;

import java.math.BigDecimal;
import java.time.Instant;

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

	public Money total() {
		return unitPrice.times(quantity);
	}

	CartLine withQuantity(int newQuantity) {
		return new CartLine(sku, newQuantity, unitPrice, unitNet, unitTax, taxRate, channelId, addedAt);
	}

}
