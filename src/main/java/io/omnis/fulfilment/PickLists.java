package io.omnis.fulfilment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.fulfilment.internal.PickListStore;
import io.omnis.inventory.Location;
import io.omnis.inventory.Locations;

/**
 * A location's pick list for its shipped fulfilments, grouped by SKU so that a picker
 * walks the shelves once.
 */
@Service
public class PickLists {

	private final PickListStore store;

	private final Locations locations;

	private final Clock clock;

	PickLists(PickListStore store, Locations locations, Clock clock) {
		this.store = store;
		this.locations = locations;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public PickList of(String locationId) {
		Location location = locations.get(locationId);
		Map<String, List<PickListStore.Row>> bySku = new LinkedHashMap<>();
		store.open(location.id()).forEach(row -> bySku.computeIfAbsent(row.sku(), sku -> new ArrayList<>()).add(row));
		List<PickList.Entry> entries = bySku.values()
			.stream()
			.map(rows -> new PickList.Entry(rows.get(0).sku(), rows.get(0).barcode(),
					rows.stream().mapToInt(r -> r.quantity() - r.picked()).sum(),
					rows.stream()
						.map(r -> new PickList.Pick(r.taskId(), r.fulfilmentId(), r.reference(), r.method(),
								r.quantity(), r.picked(), r.dueAt()))
						.toList()))
			.toList();
		return new PickList(location.id(), clock.instant(), entries);
	}

}
