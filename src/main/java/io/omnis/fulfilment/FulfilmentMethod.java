package io.omnis.fulfilment;

/**
 * How the customer wants her order: shipped, picked up in a store she chose, delivered
 * the same day, or brought to her car at a store.
 */
public enum FulfilmentMethod {

	SHIP, PICKUP, SAME_DAY, CURBSIDE;

	/** Whether the customer comes to a store she chose. */
	public boolean atStore() {
		return this == PICKUP || this == CURBSIDE;
	}

}
