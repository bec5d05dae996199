package io.omnis.inventory.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.inventory.Availability;
import io.omnis.inventory.Capability;
import io.omnis.inventory.CartAvailability;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.LocationAvailability;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Sku;
import io.omnis.kernel.problem.ProblemException;

/**
 * {@code /api/v1/availability}: what a channel can promise now.
 */
@RestController
@RequestMapping(path = "/api/v1/availability", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Availability", description = "What a channel can promise: a SKU, a cart, the nearest stores")
class AvailabilityController {

	private final Availability availability;

	private final Channels channels;

	AvailabilityController(Availability availability, Channels channels) {
		this.availability = availability;
		this.channels = channels;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "A SKU at every location, as the channel may sell it",
			description = "Requires `inventory:read`. A key asks for its own channel; a console user names one.")
	SkuView sku(@RequestParam(required = false) @Nullable String sku,
			@RequestParam(required = false) @Nullable String channelId, Authentication caller) {
		Sku checked = Requests.sku(sku, "sku");
		ChannelId channel = Requests.requiredChannel(caller, channelId, "channelId", channels);
		List<LocationAvailability> locations = availability.of(checked, channel);
		return new SkuView(checked.value(), channel.value(),
				locations.stream().mapToInt(LocationAvailability::available).sum(),
				locations.stream().map(LocationView::of).toList());
	}

	@PostMapping(path = "/cart", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "A whole cart at once: each line across the network, and the locations that have it all",
			description = "Requires `inventory:read`.")
	CartView cart(@RequestBody CartBody body, Authentication caller) {
		ChannelId channel = Requests.requiredChannel(caller, body.channelId(), "channelId", channels);
		List<CartLineBody> lines = Requests.required(body.lines(), "lines");
		if (lines.isEmpty() || lines.size() > Availability.MAX_CART_LINES) {
			throw ProblemException.invalidField("lines", "must hold 1 to " + Availability.MAX_CART_LINES + " lines");
		}
		Map<Sku, Integer> cart = new LinkedHashMap<>();
		for (int i = 0; i < lines.size(); i++) {
			CartLineBody line = Requests.required(lines.get(i), "lines[" + i + "]");
			int quantity = Requests.required(line.quantity(), "lines[" + i + "].quantity");
			if (quantity < 1 || quantity > 1_000_000) {
				throw ProblemException.invalidField("lines[" + i + "].quantity", "must be between 1 and 1000000");
			}
			cart.merge(Requests.sku(line.sku(), "lines[" + i + "].sku"), quantity, Integer::sum);
		}
		CartAvailability answer = availability.ofCart(cart, channel);
		return new CartView(answer.available(),
				answer.lines()
					.stream()
					.map(l -> new CartLineView(l.sku().value(), l.requested(), l.available(), l.satisfied()))
					.toList(),
				answer.locationsWithEverything().stream().map(LocationId::value).toList());
	}

	@GetMapping("/nearby")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "The nearest locations that can promise the quantity, nearest first",
			description = "Requires `inventory:read`. For click and collect, keep `capability=PICKUP`.")
	List<LocationView> nearby(@RequestParam(required = false) @Nullable String sku,
			@RequestParam(defaultValue = "1") int quantity, @RequestParam(required = false) @Nullable Double latitude,
			@RequestParam(required = false) @Nullable Double longitude,
			@RequestParam(defaultValue = "50") double radiusKm,
			@RequestParam(defaultValue = "PICKUP") Capability capability, @RequestParam(defaultValue = "10") int limit,
			@RequestParam(required = false) @Nullable String channelId, Authentication caller) {
		Sku checked = Requests.sku(sku, "sku");
		double lat = Requests.required(latitude, "latitude");
		double lon = Requests.required(longitude, "longitude");
		if (!(lat >= -90 && lat <= 90)) {
			throw ProblemException.invalidField("latitude", "must be between -90 and 90");
		}
		if (!(lon >= -180 && lon <= 180)) {
			throw ProblemException.invalidField("longitude", "must be between -180 and 180");
		}
		ChannelId channel = Requests.requiredChannel(caller, channelId, "channelId", channels);
		return availability.nearby(checked, quantity, new Coordinates(lat, lon), radiusKm, capability, channel, limit)
			.stream()
			.map(LocationView::of)
			.toList();
	}

	record SkuView(String sku, String channelId, int available, List<LocationView> locations) {
	}

	record LocationView(String locationId, String name, int available, @Nullable Double distanceKm) {

		static LocationView of(LocationAvailability a) {
			return new LocationView(a.locationId().value(), a.locationName(), a.available(),
					a.distanceKm() == null ? null : Math.round(a.distanceKm() * 100) / 100.0);
		}

	}

	record CartBody(@Nullable String channelId, @Nullable List<CartLineBody> lines) {
	}

	record CartLineBody(@Nullable String sku, @Nullable Integer quantity) {
	}

	record CartView(boolean available, List<CartLineView> lines, List<String> locationsWithEverything) {
	}

	record CartLineView(String sku, int requested, int available, boolean satisfied) {
	}

}
