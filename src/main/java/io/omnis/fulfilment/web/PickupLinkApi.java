package io.omnis.fulfilment.web;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.fulfilment.Pickups;

/**
 * {@code /pickup/{token}}: what an app or page does with a customer's pickup link (the
 * signed token is the only credential): the code's QR code, and "I have arrived".
 */
@RestController
@RequestMapping("/pickup/{token}")
@Tag(name = "Pickups")
class PickupLinkApi {

	private final Pickups pickups;

	PickupLinkApi(Pickups pickups) {
		this.pickups = pickups;
	}

	@PostMapping(path = "/arrival", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The curbside customer has arrived, and where she parked",
			description = "No authentication: the signed token of her link. `{parkingSpot}`: 1–40 letters, digits, "
					+ "spaces or - # . , / (400 naming `parkingSpot`). A link that is not ours is a 404, one past its "
					+ "time a 410, a pickup no longer waiting a 409.")
	PickupView arrival(@PathVariable String token, @RequestBody ArrivalBody body) {
		return PickupView.of(pickups.arrive(token, body.parkingSpot()));
	}

	@GetMapping(path = "/qr.svg", produces = "image/svg+xml")
	@Operation(summary = "The pickup code as a QR code (SVG)", description = "No authentication: the signed token.")
	ResponseEntity<String> qr(@PathVariable String token) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("image/svg+xml"))
			.body(PickupLinks.svg(pickups.linked(token).code()));
	}

	record ArrivalBody(@Nullable String parkingSpot) {
	}

}
