package io.omnis.fulfilment;

import io.omnis.inventory.LocationId;
import io.omnis.inventory.Sku;

/**
 * Units of a request line served by one location. A line is split into several only when
 * no single location can serve all of it.
 *
 * @param lineNo the line's position in the request, from 0
 */
public record Assignment(int lineNo, Sku sku, int quantity, LocationId locationId) {
}
