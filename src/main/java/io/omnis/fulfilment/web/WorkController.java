package io.omnis.fulfilment.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.fulfilment.WorkQueue;
import io.omnis.fulfilment.WorkTask;
import io.omnis.fulfilment.web.FulfilmentJson.MissingBody;
import io.omnis.fulfilment.web.FulfilmentJson.ScanBody;
import io.omnis.kernel.web.Page;

/**
 * {@code /api/v1/fulfilment}: each location's work queue.
 */
@RestController
@RequestMapping(path = "/api/v1/fulfilment", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Work queue", description = "Pick, pack and hand over at each location")
class WorkController {

	private final WorkQueue queue;

	private final Clock clock;

	WorkController(WorkQueue queue, Clock clock) {
		this.queue = queue;
		this.clock = clock;
	}

	@GetMapping("/locations/{id}/tasks")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "A location's open tasks, the most overdue first", description = "Requires `inventory:read`.")
	TaskPage tasks(@PathVariable String id, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		Page<WorkTask> page = queue.queue(id, cursor, limit);
		Instant now = clock.instant();
		return new TaskPage(page.data().stream().map(t -> TaskView.of(t, now)).toList(), page.nextCursor());
	}

	@GetMapping("/tasks/{id}")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "One task", description = "Requires `inventory:read`.")
	TaskView task(@PathVariable String id) {
		return TaskView.of(queue.get(id), clock.instant());
	}

	@PostMapping(path = "/tasks/{id}/scans", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:write')")
	@Operation(summary = "Pick one unit by its scanned barcode (or SKU)",
			description = "Requires `inventory:write`. A code not on the pick list is refused and changes nothing.")
	TaskView scan(@PathVariable String id, @RequestBody ScanBody body) {
		return TaskView.of(queue.scan(id, body.barcode()), clock.instant());
	}

	@PostMapping(path = "/tasks/{id}/missing", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:write')")
	@Operation(summary = "The units of a SKU not picked yet cannot be found or are damaged: re-route them",
			description = "Requires `inventory:write`.")
	Views.RerouteView missing(@PathVariable String id, @RequestBody MissingBody body) {
		return Views.RerouteView.of(queue.missing(id, body.sku(), body.reason(), body.note()));
	}

	@PostMapping("/tasks/{id}/complete")
	@PreAuthorize("hasAuthority('inventory:write')")
	@Operation(summary = "Mark a PACK or HAND_OVER task done",
			description = "Requires `inventory:write`. The last task of a fulfilment consumes its reservation.")
	TaskView complete(@PathVariable String id) {
		return TaskView.of(queue.complete(id), clock.instant());
	}

	record TaskPage(List<TaskView> data, @Nullable String nextCursor) {
	}

}
