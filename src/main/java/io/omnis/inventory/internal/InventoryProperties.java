package io.omnis.inventory.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How inventory behaves. (How often expired reservations are looked for is
 * {@code omnis.inventory.expiry-interval}, read by the scheduler.)
 *
 * @param lowStockThreshold at or below this many units that can be promised, a location
 * is low on a SKU
 */
@ConfigurationProperties("omnis.inventory")
public record InventoryProperties(Integer lowStockThreshold) {

	public InventoryProperties {
		if (lowStockThreshold == null) {
			lowStockThreshold = 5;
		}
	}

}
