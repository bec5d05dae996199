package io.omnis.returns;

/**
 * What the associate who receives a returned item does with it.
 */
public enum Disposition {

	/** Back into the receiving location's stock (a RETURN movement). */
	RESTOCK,
	/** Written off: recorded on the return, never in stock. */
	DAMAGED,
	/**
	 * Sent on to a warehouse: received at the location and transferred out, in at the
	 * warehouse.
	 */
	TO_WAREHOUSE

}
