package io.omnis.fulfilment.web;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.channel.Channels;
import io.omnis.fulfilment.Fulfilment;
import io.omnis.fulfilment.Fulfilments;
import io.omnis.fulfilment.OrderRouter;
import io.omnis.fulfilment.RoutingRules;
import io.omnis.fulfilment.RoutingSettings;
import io.omnis.fulfilment.web.FulfilmentJson.LocationSettingsBody;
import io.omnis.fulfilment.web.FulfilmentJson.RejectionBody;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;

/**
 * Routing: quotes, committed fulfilments, rejections, and the rules routing follows.
 */
@RestController
@Tag(name = "Fulfilment", description = "Which location serves each line, the stock held there, and re-routes")
class RoutingController {

	private final OrderRouter router;

	private final Fulfilments fulfilments;

	private final RoutingSettings settings;

	private final Channels channels;

	RoutingController(OrderRouter router, Fulfilments fulfilments, RoutingSettings settings, Channels channels) {
		this.router = router;
		this.fulfilments = fulfilments;
		this.settings = settings;
		this.channels = channels;
	}

	@PostMapping(path = "/api/v1/routing/quote", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "Decide where each line would be served, without holding anything",
			description = "Requires `inventory:read`. Same body as POST /api/v1/fulfilments.")
	Views.DecisionView quote(@RequestBody FulfilmentJson.RequestBody body, Authentication caller) {
		return Views.DecisionView.of(router.quote(FulfilmentJson.request(body, caller, channels)));
	}

	@PostMapping(path = "/api/v1/fulfilments", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('reservations:write')")
	@Operation(summary = "Route a request and hold its stock where decided",
			description = "Requires `reservations:write`. One fulfilment per channel and reference (409 for a "
					+ "second); 409 `insufficient-stock` when a line cannot be served even split. Accepts an "
					+ "`Idempotency-Key`.")
	ResponseEntity<Views.FulfilmentView> route(@RequestBody FulfilmentJson.RequestBody body, Authentication caller) {
		Fulfilment fulfilment = router.route(FulfilmentJson.request(body, caller, channels));
		return ResponseEntity.created(URI.create("/api/v1/fulfilments/" + fulfilment.id()))
			.body(Views.FulfilmentView.of(fulfilment));
	}

	@GetMapping(path = "/api/v1/fulfilments/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "A fulfilment with its decision, explanation and re-routes",
			description = "Requires `inventory:read`.")
	Views.FulfilmentView get(@PathVariable String id, Authentication caller) {
		return Views.FulfilmentView.of(visible(id, caller));
	}

	@PostMapping(path = "/api/v1/fulfilments/{id}/rejections", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:write')")
	@Operation(summary = "A location cannot serve an allocation: re-route it",
			description = "Requires `inventory:write`. `reason`: NOT_FOUND, DAMAGED or OTHER; `quantity` defaults "
					+ "to the whole allocation.")
	Views.RerouteView reject(@PathVariable String id, @RequestBody RejectionBody body, Authentication caller) {
		visible(id, caller);
		if (body.allocationId() == null) {
			throw ProblemException.invalidField("allocationId", "is required");
		}
		if (body.reason() == null) {
			throw ProblemException.invalidField("reason", "is required: NOT_FOUND, DAMAGED or OTHER");
		}
		return Views.RerouteView
			.of(fulfilments.reject(id, body.allocationId(), body.quantity(), body.reason(), body.note()));
	}

	@GetMapping(path = "/api/v1/fulfilment/rules", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "The routing rules in force", description = "Requires `inventory:read`.")
	RoutingRules rules() {
		return settings.rules();
	}

	@PutMapping(path = "/api/v1/fulfilment/rules", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:manage')")
	@Operation(summary = "Replace the routing rules", description = "Requires `inventory:manage`.")
	RoutingRules changeRules(@RequestBody RoutingRules rules) {
		return settings.change(rules);
	}

	@GetMapping(path = "/api/v1/fulfilment/locations/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "How routing treats a location", description = "Requires `inventory:read`.")
	Views.LocationSettingsView location(@PathVariable String id) {
		return Views.LocationSettingsView.of(settings.of(id));
	}

	@PutMapping(path = "/api/v1/fulfilment/locations/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:manage')")
	@Operation(summary = "Activate or deactivate a location for routing, and set its daily capacity",
			description = "Requires `inventory:manage`. Null capacities use the rules' defaults.")
	Views.LocationSettingsView changeLocation(@PathVariable String id, @RequestBody LocationSettingsBody body) {
		if (body.active() == null) {
			throw ProblemException.invalidField("active", "is required");
		}
		return Views.LocationSettingsView.of(settings.change(id, body.active(), body.dailyOrders(), body.dailyLines()));
	}

	private Fulfilment visible(String id, Authentication caller) {
		Fulfilment fulfilment = router.get(id);
		if (!FulfilmentJson.sees(caller, fulfilment.channelId())) {
			throw new NotFoundException("fulfilment", id);
		}
		return fulfilment;
	}

}
