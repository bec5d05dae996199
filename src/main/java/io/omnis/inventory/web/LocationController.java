package io.omnis.inventory.web;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.inventory.Location;
import io.omnis.inventory.LocationType;
import io.omnis.inventory.Locations;
import io.omnis.inventory.web.LocationJson.LocationBody;
import io.omnis.inventory.web.LocationJson.LocationView;
import io.omnis.kernel.web.Page;

/**
 * {@code /api/v1/locations}: stores, warehouses and dark stores.
 */
@RestController
@RequestMapping(path = "/api/v1/locations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Locations", description = "The places that hold stock")
class LocationController {

	private final Locations locations;

	LocationController(Locations locations) {
		this.locations = locations;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:manage')")
	@Operation(summary = "Create a location",
			description = "Requires `inventory:manage`. Accepts an `Idempotency-Key`.")
	ResponseEntity<LocationView> create(@RequestBody LocationBody body) {
		Location location = locations.create(body.draft());
		return ResponseEntity.created(URI.create("/api/v1/locations/" + location.id())).body(LocationView.of(location));
	}

	@GetMapping
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "List locations, oldest first", description = "Requires `inventory:read`.")
	Page<LocationView> list(@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable LocationType type) {
		return locations.page(cursor, limit, type).map(LocationView::of);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "One location", description = "Requires `inventory:read`.")
	LocationView get(@PathVariable String id) {
		return LocationView.of(locations.get(id));
	}

	@PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:manage')")
	@Operation(summary = "Change a location; members left out stay as they are",
			description = "Requires `inventory:manage`.")
	LocationView update(@PathVariable String id, @RequestBody LocationBody body) {
		return LocationView.of(locations.update(locations.get(id).id(), body.draft()));
	}

}
