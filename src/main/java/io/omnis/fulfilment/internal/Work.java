package io.omnis.fulfilment.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import io.omnis.catalog.Catalog;
import io.omnis.catalog.Variant;
import io.omnis.fulfilment.Allocation;
import io.omnis.fulfilment.FulfilmentId;
import io.omnis.fulfilment.WorkTask;
import io.omnis.inventory.LocationId;
import io.omnis.kernel.Ids;

/**
 * Puts work in a location's queue: a pick list for the allocations routed there, each
 * item with the barcode the catalog knows for its SKU.
 */
@Component
public class Work {

	private final TaskStore tasks;

	private final Catalog catalog;

	Work(TaskStore tasks, Catalog catalog) {
		this.tasks = tasks;
		this.catalog = catalog;
	}

	public WorkTask pick(FulfilmentId fulfilment, LocationId location, List<Allocation> allocations, Instant now,
			int minutes) {
		List<WorkTask.Item> items = allocations.stream()
			.map(a -> new WorkTask.Item(a.id(), a.sku().value(),
					catalog.variant(a.sku().value()).map(Variant::barcode).orElse(null), a.quantity(), 0))
			.toList();
		return add(fulfilment, location, WorkTask.Kind.PICK, items, now, minutes);
	}

	public WorkTask add(FulfilmentId fulfilment, LocationId location, WorkTask.Kind kind, List<WorkTask.Item> items,
			Instant now, int minutes) {
		WorkTask task = new WorkTask(Ids.next("tsk"), location, fulfilment, kind, WorkTask.Status.OPEN,
				now.plus(Duration.ofMinutes(minutes)), now, null, items);
		tasks.insert(task);
		return task;
	}

}
