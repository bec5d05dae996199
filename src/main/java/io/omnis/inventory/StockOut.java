package io.omnis.inventory;

/**
 * Nothing more of a SKU can be promised at a location.
 */
public record StockOut(Sku sku, LocationId locationId) {
}
