package io.omnis.inventory.web;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.inventory.Reservation;
import io.omnis.inventory.ReservationKind;
import io.omnis.inventory.Reservations;
import io.omnis.inventory.web.ReservationJson.AdjustBody;
import io.omnis.inventory.web.ReservationJson.ReservationView;
import io.omnis.inventory.web.ReservationJson.ReserveBody;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.security.ApiKeyAuthentication;

/**
 * {@code /api/v1/reservations}: stock held for carts and orders.
 */
@RestController
@RequestMapping(path = "/api/v1/reservations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Reservations", description = "Stock held for a cart or an order until consumed, released or expired")
class ReservationController {

	private final Reservations reservations;

	private final Channels channels;

	ReservationController(Reservations reservations, Channels channels) {
		this.reservations = reservations;
		this.channels = channels;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('reservations:write')")
	@Operation(summary = "Hold every line, or none",
			description = "Requires `reservations:write`. A line beyond what the channel can be promised is "
					+ "refused with a 409 `insufficient-stock` problem naming the SKU, the location and the "
					+ "quantity available. `ttlSeconds` defaults to 900. Accepts an `Idempotency-Key`.")
	ResponseEntity<ReservationView> reserve(@RequestBody ReserveBody body, Authentication caller) {
		ChannelId channel = Requests.requiredChannel(caller, body.channelId(), "channelId", channels);
		String reference = Requests.required(body.reference(), "reference");
		ReservationKind kind = Requests.required(body.kind(), "kind");
		Duration ttl = Objects.requireNonNullElse(ReservationJson.ttl(body.ttlSeconds()),
				Duration.ofSeconds(ReservationJson.DEFAULT_TTL_SECONDS));
		Reservation reservation = reservations.reserve(channel, reference, kind, ttl,
				ReservationJson.lines(body.lines()));
		return ResponseEntity.created(URI.create("/api/v1/reservations/" + reservation.id()))
			.body(ReservationView.of(reservation));
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "One reservation", description = "Requires `inventory:read`.")
	ReservationView get(@PathVariable String id, Authentication caller) {
		return ReservationView.of(visible(id, caller));
	}

	@PostMapping(path = "/{id}/adjust", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('reservations:write')")
	@Operation(summary = "Change the held lines; only the difference is held or let go",
			description = "Requires `reservations:write`. A line left out is released.")
	ReservationView adjust(@PathVariable String id, @RequestBody AdjustBody body, Authentication caller) {
		Reservation reservation = visible(id, caller);
		return ReservationView.of(reservations.adjust(reservation.id(), ReservationJson.lines(body.lines()),
				ReservationJson.ttl(body.ttlSeconds())));
	}

	@PostMapping("/{id}/release")
	@PreAuthorize("hasAuthority('reservations:write')")
	@Operation(summary = "Let every held unit go", description = "Requires `reservations:write`.")
	ReservationView release(@PathVariable String id, Authentication caller) {
		return ReservationView.of(reservations.release(visible(id, caller).id()));
	}

	@PostMapping("/{id}/consume")
	@PreAuthorize("hasAuthority('reservations:write')")
	@Operation(summary = "Sell what is held, at the locations that hold it",
			description = "Requires `reservations:write`.")
	ReservationView consume(@PathVariable String id, Authentication caller) {
		return ReservationView.of(reservations.consume(visible(id, caller).id()));
	}

	/** A channel's key sees its own channel's reservations only. */
	private Reservation visible(String id, Authentication caller) {
		Reservation reservation = reservations.get(id);
		if (caller instanceof ApiKeyAuthentication key
				&& !key.getPrincipal().channelId().equals(reservation.channelId().value())) {
			throw new NotFoundException("reservation", id);
		}
		return reservation;
	}

}
