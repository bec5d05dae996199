package io.omnis.fulfilment.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import io.omnis.catalog.Catalog;
import io.omnis.catalog.Variant;
import io.omnis.fulfilment.Allocation;
import io.omnis.fulfilment.FulfilmentId;
import io.omnis.fulfilment.WorkQueue;
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

	/**
	 * A RESTOCK_RETURN task for the return's goods at the location: one item per return
	 * line (keyed {@code line-000}…), each with the barcode the catalog knows.
	 */
	public WorkTask restock(String returnId, LocationId location, List<WorkQueue.Returned> lines, Instant now,
			Instant due) {
		List<WorkTask.Item> items = new java.util.ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			WorkQueue.Returned line = lines.get(i);
			items.add(new WorkTask.Item("line-%03d".formatted(i), line.sku(),
					catalog.variant(line.sku()).map(Variant::barcode).orElse(null), line.quantity(), 0));
		}
		WorkTask task = new WorkTask(Ids.next("tsk"), location, null, WorkTask.Kind.RESTOCK_RETURN,
				WorkTask.Status.OPEN, due, now, null, items, returnId);
		tasks.insert(task);
		return task;
	}

	public WorkTask add(FulfilmentId fulfilment, LocationId location, WorkTask.Kind kind, List<WorkTask.Item> items,
			Instant now, int minutes) {
		WorkTask task = new WorkTask(Ids.next("tsk"), location, fulfilment, kind, WorkTask.Status.OPEN,
				now.plus(Duration.ofMinutes(minutes)), now, null, items);
		tasks.insert(task);
		return task;
	}

}
