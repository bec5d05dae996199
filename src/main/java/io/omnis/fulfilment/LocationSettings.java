package io.omnis.fulfilment;

import org.jspecify.annotations.Nullable;

import io.omnis.inventory.LocationId;

/**
 * How routing treats one location: whether it takes work at all, and how much per local
 * day ({@code null}: the rules' default).
 */
public record LocationSettings(LocationId locationId, boolean active, @Nullable Integer dailyOrders,
		@Nullable Integer dailyLines) {
}
