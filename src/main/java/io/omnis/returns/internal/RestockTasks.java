package io.omnis.returns.internal;

import java.time.Clock;

import org.springframework.stereotype.Component;

import io.omnis.fulfilment.WorkQueue;
import io.omnis.fulfilment.WorkTask;
import io.omnis.inventory.LocationId;
import io.omnis.returns.Return;

/**
 * A return's goods arrived at a location: a RESTOCK_RETURN task in that location's work
 * queue, due within {@code omnis.returns.restock-due}, closed when the return is received
 * or cancelled.
 */
@Component
public class RestockTasks {

	private final WorkQueue queue;

	private final ReturnsProperties properties;

	private final Clock clock;

	RestockTasks(WorkQueue queue, ReturnsProperties properties, Clock clock) {
		this.queue = queue;
		this.properties = properties;
		this.clock = clock;
	}

	public WorkTask queue(Return r, LocationId location) {
		return queue.queueRestock(r.id().value(), location,
				r.lines().stream().map(l -> new WorkQueue.Returned(l.sku(), l.quantity())).toList(),
				clock.instant().plus(properties.restockWithin()));
	}

	/** Closes the return's open task, if any, in the caller's transaction. */
	public void close(Return r, WorkTask.Status status) {
		queue.finishRestock(r.id().value(), status);
	}

}
