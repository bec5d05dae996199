package io.omnis.fulfilment.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.fulfilment.WorkTask;

/**
 * A task as the API and the store's work page show it: ids as strings, and whether it is
 * late.
 *
 * @param fulfilmentId the fulfilment served, null for a RESTOCK_RETURN task
 * @param returnId the return a RESTOCK_RETURN task takes in
 */
public record TaskView(String id, String locationId, @Nullable String fulfilmentId, WorkTask.Kind kind,
		WorkTask.Status status, Instant dueAt, boolean late, List<WorkTask.Item> items, @Nullable String returnId) {

	static TaskView of(WorkTask task, Instant now) {
		return new TaskView(task.id(), task.locationId().value(),
				task.fulfilmentId() == null ? null : task.fulfilmentId().value(), task.kind(), task.status(),
				task.dueAt(), task.lateAt(now), task.items(), task.returnId());
	}

}
