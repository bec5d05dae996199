package io.omnis.inventory;

/**
 * What a reservation holds stock for.
 */
public enum ReservationKind {

	CART, ORDER

}
