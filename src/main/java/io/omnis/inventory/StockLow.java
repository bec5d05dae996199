package io.omnis.inventory;

/**
 * What can be promised of a SKU at a location fell to the low-stock threshold or below
 * (but not to zero).
 */
public record StockLow(Sku sku, LocationId locationId, int available, int threshold) {
}
