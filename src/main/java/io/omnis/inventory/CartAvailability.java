package io.omnis.inventory;

import java.util.List;

/**
 * Whether a channel can promise a whole cart: each line across the network, and the
 * locations that could fill the cart alone (reserve there, and it ships or is picked up
 * from one place).
 */
public record CartAvailability(boolean available, List<Line> lines, List<LocationId> locationsWithEverything) {

	/**
	 * One cart line: what was asked for and what the network can promise.
	 */
	public record Line(Sku sku, int requested, int available, boolean satisfied) {
	}

}
