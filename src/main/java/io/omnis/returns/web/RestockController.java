package io.omnis.returns.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.fulfilment.WorkTask;
import io.omnis.returns.Restocking;
import io.omnis.returns.Returns;
import io.omnis.returns.web.ReturnJson.ReturnView;

/**
 * {@code /api/v1/returns/{id}/arrivals} and {@code /api/v1/returns/tasks/{id}/complete}:
 * a return's goods arriving at a location become a RESTOCK_RETURN task in its work queue
 * (scanned with {@code POST /api/v1/fulfilment/tasks/{id}/scans}), completed with each
 * line's disposition.
 */
@RestController
@RequestMapping(path = "/api/v1/returns", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Returns", description = "Returns, exchanges, refunds of returned goods and store credit")
class RestockController {

	private final Returns returns;

	private final Restocking restocking;

	private final Clock clock;

	RestockController(Returns returns, Restocking restocking, Clock clock) {
		this.returns = returns;
		this.restocking = restocking;
		this.clock = clock;
	}

	@PostMapping(path = "/{id}/arrivals", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('orders:write')")
	@Operation(summary = "A return's goods arrived at a location: queue a RESTOCK_RETURN task there",
			description = "Requires `orders:write`. `{locationId}`. The task is due within `omnis.returns.restock-due` "
					+ "(24 h by default). A return started at a store's counter gets its task at once. "
					+ "A return already waiting at a location, or received: 409.")
	ResponseEntity<RestockTaskView> arrived(@PathVariable String id, @RequestBody ArrivalBody body) {
		RestockTaskView task = RestockTaskView.of(returns.arrived(id, body.locationId()), clock.instant());
		return ResponseEntity.created(URI.create("/api/v1/fulfilment/tasks/" + task.id())).body(task);
	}

	@PostMapping(path = "/tasks/{taskId}/complete", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('orders:write')")
	@Operation(summary = "Complete a RESTOCK_RETURN task: receive the return there with each line's disposition",
			description = "Requires `orders:write`. `{disposition?: RESTOCK|DAMAGED|TO_WAREHOUSE, warehouseId?, "
					+ "lines?: [{disposition, warehouseId?}]}`. Every returned unit must be scanned first (409). "
					+ "Moves stock, refunds or credits exactly as `POST /api/v1/returns/{id}/receive`.")
	ReturnView complete(@PathVariable String taskId, @RequestBody Restocking.Choices body) {
		return ReturnView.of(restocking.complete(taskId, body));
	}

	record ArrivalBody(@Nullable String locationId) {
	}

	/** A RESTOCK_RETURN task: the return's items, each scanned so many times. */
	record RestockTaskView(String id, String kind, String locationId, @Nullable String returnId, String status,
			Instant dueAt, boolean late, List<ItemView> items) {

		static RestockTaskView of(WorkTask t, Instant now) {
			return new RestockTaskView(t.id(), t.kind().name(), t.locationId().value(), t.returnId(), t.status().name(),
					t.dueAt(), t.lateAt(now),
					t.items().stream().map(i -> new ItemView(i.sku(), i.barcode(), i.quantity(), i.picked())).toList());
		}

	}

	record ItemView(String sku, @Nullable String barcode, int quantity, int scanned) {
	}

}
