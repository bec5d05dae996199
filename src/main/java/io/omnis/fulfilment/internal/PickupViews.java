package io.omnis.fulfilment.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.omnis.fulfilment.Allocation;
import io.omnis.fulfilment.Fulfilment;
import io.omnis.fulfilment.Pickup;

/**
 * A pickup as channels and the counter see it: its lines (units waiting and collected by
 * SKU) and its hand-overs.
 */
@Component
public class PickupViews {

	private final PickupStore store;

	private final FulfilmentStore fulfilments;

	PickupViews(PickupStore store, FulfilmentStore fulfilments) {
		this.store = store;
		this.fulfilments = fulfilments;
	}

	public Pickup of(PickupStore.Row row) {
		Fulfilment fulfilment = fulfilments.find(row.fulfilmentId(), false).orElseThrow();
		Map<String, Integer> collected = store.collected(row.fulfilmentId());
		Map<String, int[]> bySku = new LinkedHashMap<>();
		for (Allocation a : fulfilment.active()) {
			int[] units = bySku.computeIfAbsent(a.sku().value(), sku -> new int[2]);
			units[0] += a.quantity();
			units[1] += collected.getOrDefault(a.id(), 0);
		}
		List<Pickup.Line> lines = new ArrayList<>();
		bySku.forEach((sku, units) -> lines.add(new Pickup.Line(sku, units[0], units[1])));
		return new Pickup(row.fulfilmentId(), fulfilment.channelId(), fulfilment.reference(), fulfilment.customer(),
				row.locationId(), row.method(), row.status(), row.readyAt(), row.holdUntil(), row.arrivedAt(),
				row.parkingSpot(), row.closedAt(), lines, store.handOvers(row.fulfilmentId()));
	}

}
