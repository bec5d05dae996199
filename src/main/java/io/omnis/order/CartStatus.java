package io.omnis.order;

/**
 * Where a cart is in its life: open to changes, merged into the customer's own cart when
 * she identified, or checked out as an order.
 */
public enum CartStatus {

	OPEN, MERGED, CHECKED_OUT

}
