package io.omnis.inventory;

/**
 * The kinds of place that hold stock.
 */
public enum LocationType {

	STORE, WAREHOUSE, DARK_STORE

}
