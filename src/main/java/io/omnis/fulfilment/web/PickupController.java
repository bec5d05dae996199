package io.omnis.fulfilment.web;

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
import org.springframework.web.bind.annotation.RestController;

import io.omnis.fulfilment.FulfilmentId;
import io.omnis.fulfilment.Pickups;
import io.omnis.kernel.problem.NotFoundException;

/**
 * {@code /api/v1/fulfilment}: click and collect at the counter (the customer's code, all
 * or part of her order) and curbside arrivals.
 */
@RestController
@RequestMapping(path = "/api/v1/fulfilment", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Pickups", description = "Click and collect and curbside at the store's counter")
class PickupController {

	private final Pickups pickups;

	PickupController(Pickups pickups) {
		this.pickups = pickups;
	}

	@PostMapping(path = "/locations/{id}/pickups", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:write')")
	@Operation(summary = "Hand over a pickup to the customer who gives its code",
			description = "Requires `inventory:write`. Body: `{code, lines?: [{sku, quantity}], remainder?: KEEP|RETURN}`; "
					+ "without `lines` every unit still waiting. A code that is not one, was replaced, or is for another "
					+ "store is a 422 naming `code`; a used one a 409; a quantity above what waits a 400 naming "
					+ "`lines[i].quantity`. Nothing changes then.")
	PickupView handOver(@PathVariable String id, @RequestBody HandOverBody body) {
		return PickupView.of(pickups.handOver(id, body.code(), body.lines(), body.remainder()));
	}

	@PostMapping(path = "/locations/{id}/pickups/check", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "What a customer's code opens at this store, changing nothing",
			description = "Requires `inventory:read`. The same problems as the hand-over.")
	PickupView check(@PathVariable String id, @RequestBody CodeBody body) {
		return PickupView.of(pickups.check(id, body.code()));
	}

	@GetMapping("/locations/{id}/arrivals")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "Curbside customers who said they arrived, longest waiting first",
			description = "Requires `inventory:read`. At most 50.")
	ArrivalList arrivals(@PathVariable String id) {
		return new ArrivalList(pickups.arrivals(id).stream().map(PickupView::of).toList());
	}

	@GetMapping("/pickups/{fulfilmentId}")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "A pickup: what waits, what was collected, by whom",
			description = "Requires `inventory:read`.")
	PickupView pickup(@PathVariable String fulfilmentId) {
		return PickupView.of(pickups.get(fulfilmentId));
	}

	@PostMapping("/pickups/{fulfilmentId}/code")
	@PreAuthorize("hasAuthority('inventory:write')")
	@Operation(summary = "Issue a new code for a ready pickup (the previous one stops working)",
			description = "Requires `inventory:write`. For a fulfilment made through the API without an order; an "
					+ "order's customer gets hers by message (`POST /api/v1/orders/{id}/pickup-code` resends one).")
	IssuedCodeView code(@PathVariable String fulfilmentId) {
		if (!FulfilmentId.isValid(fulfilmentId)) {
			throw new NotFoundException("pickup", fulfilmentId);
		}
		Pickups.IssuedCode issued = pickups.issueCode(new FulfilmentId(fulfilmentId));
		return new IssuedCodeView(issued.code(), issued.link(), PickupView.of(issued.pickup()));
	}

	record HandOverBody(@Nullable String code, @Nullable List<Pickups.Wanted> lines,
			Pickups.@Nullable Remainder remainder) {
	}

	record CodeBody(@Nullable String code) {
	}

	record ArrivalList(List<PickupView> data) {
	}

	record IssuedCodeView(String code, String link, PickupView pickup) {
	}

}
