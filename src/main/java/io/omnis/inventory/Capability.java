package io.omnis.inventory;

/**
 * What a location can do with its stock for customers.
 */
public enum Capability {

	SHIPS, PICKUP, SHIP_FROM_STORE, SAME_DAY, CURBSIDE, ACCEPTS_RETURNS

}
