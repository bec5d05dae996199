package io.omnis.returns;

import org.jspecify.annotations.Nullable;

import io.omnis.kernel.Money;

/**
 * Units of one order line returned, why, and what became of them once received.
 *
 * @param orderLine the position of the order line (0-based, as in the order's lines)
 * @param unitRefund the gross unit price paid, tax included
 * @param disposedTo the location that took the units in (the receiving store, or the
 * warehouse they were sent to)
 */
public record ReturnLine(int orderLine, String sku, int quantity, Money unitRefund, ReturnReason reason,
		@Nullable String note, @Nullable Disposition disposition, @Nullable String disposedTo) {

	public Money total() {
		return unitRefund.times(quantity);
	}

}
