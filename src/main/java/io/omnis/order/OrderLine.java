package io.omnis.order;

import java.math.BigDecimal;

import io.omnis.kernel.Money;

/**
 * Units of one SKU as sold: the unit price quoted at checkout and its split into net and
 * tax.
 */
public record OrderLine(String sku, int quantity, Money unitPrice, Money unitNet, Money unitTax, BigDecimal taxRate) {

	public Money total() {
		return unitPrice.times(quantity);
	}

}
