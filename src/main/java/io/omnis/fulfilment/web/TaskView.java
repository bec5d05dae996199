package io.omnis.fulfilment.web;

import java.time.Instant;
import java.util.List;

import io.omnis.fulfilment.WorkTask;

/**
 * A task as the API and the store's work page show it: ids as strings, and whether it is
 * late.
 */
public record TaskView(String id, String locationId, String fulfilmentId, WorkTask.Kind kind, WorkTask.Status status,
		Instant dueAt, boolean late, List<WorkTask.Item> items) {

	static TaskView of(WorkTask task, Instant now) {
		return new TaskView(task.id(), task.locationId().value(), task.fulfilmentId().value(), task.kind(),
				task.status(), task.dueAt(), task.lateAt(now), task.items());
	}

}
