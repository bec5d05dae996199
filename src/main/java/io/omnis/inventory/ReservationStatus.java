package io.omnis.inventory;

/**
 * Where a reservation is in its life; only HELD holds stock.
 */
public enum ReservationStatus {

	HELD, RELEASED, CONSUMED, EXPIRED

}
