package io.omnis.fulfilment.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.fulfilment.OrderRouter;
import io.omnis.fulfilment.Packing;
import io.omnis.fulfilment.Parcel;
import io.omnis.fulfilment.ParcelInput;
import io.omnis.fulfilment.ParcelStatus;
import io.omnis.fulfilment.Parcels;
import io.omnis.fulfilment.PickList;
import io.omnis.fulfilment.PickLists;
import io.omnis.fulfilment.SameDaySettings;
import io.omnis.fulfilment.SameDaySlot;
import io.omnis.fulfilment.SameDaySlots;

/**
 * Pick lists, packing into parcels, shipping through a carrier and its tracking, and the
 * same-day slots of each store.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Shipping", description = "Pick lists, parcels, carriers and same-day slots")
class ShippingController {

	private final PickLists pickLists;

	private final Parcels parcels;

	private final Packing packing;

	private final SameDaySlots slots;

	private final OrderRouter router;

	ShippingController(PickLists pickLists, Parcels parcels, Packing packing, SameDaySlots slots, OrderRouter router) {
		this.packing = packing;
		this.pickLists = pickLists;
		this.parcels = parcels;
		this.slots = slots;
		this.router = router;
	}

	@GetMapping("/fulfilment/locations/{id}/pick-list")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "What to pick at a location for its shipped orders, grouped by SKU",
			description = "Requires `inventory:read`. The open pick lists of SHIP and SAME_DAY fulfilments.")
	PickListView pickList(@PathVariable String id) {
		return PickListView.of(pickLists.of(id));
	}

	@PostMapping(path = "/fulfilment/tasks/{id}/parcels", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:write')")
	@Operation(summary = "Pack the picked units of a PACK task into parcels",
			description = "Requires `inventory:write`. Every unit picked for the fulfilment at the location is packed, "
					+ "none twice; weight 1 to 70,000 g, sides 1 to 3,000 mm. Queues the hand-over.")
	List<ParcelView> pack(@PathVariable String id, @RequestBody PackBody body) {
		return packing.pack(id, body.parcels()).stream().map(ParcelView::of).toList();
	}

	@GetMapping("/fulfilment/parcels/{id}")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "One parcel with its status history", description = "Requires `inventory:read`.")
	ParcelView parcel(@PathVariable String id) {
		return ParcelView.of(parcels.get(id));
	}

	@GetMapping("/fulfilments/{id}/parcels")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "The parcels of a fulfilment", description = "Requires `inventory:read`.")
	List<ParcelView> parcelsOf(@PathVariable String id) {
		return parcels.of(router.get(id).id()).stream().map(ParcelView::of).toList();
	}

	@PostMapping(path = "/fulfilment/parcels/{id}/ship", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:write')")
	@Operation(summary = "Hand a packed parcel to a carrier",
			description = "Requires `inventory:write`. `carrier`: `manual` takes `trackingNumber` and `trackingUrl` "
					+ "(http or https only). Shipping the last parcel of a location hands its part over.")
	ParcelView ship(@PathVariable String id, @RequestBody ShipBody body) {
		Map<String, String> details = new HashMap<>();
		if (body.trackingNumber() != null) {
			details.put("trackingNumber", body.trackingNumber());
		}
		if (body.trackingUrl() != null) {
			details.put("trackingUrl", body.trackingUrl());
		}
		return ParcelView.of(parcels.ship(id, body.carrier(), details));
	}

	@PostMapping(path = "/fulfilment/parcels/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:write')")
	@Operation(summary = "A status of a shipped parcel, as its carrier reported it",
			description = "Requires `inventory:write`. IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, FAILED, RETURNED.")
	ParcelView track(@PathVariable String id, @RequestBody StatusBody body) {
		return ParcelView.of(parcels.track(id, body.status(), body.note()));
	}

	@GetMapping("/locations/{id}/same-day")
	@PreAuthorize("hasAuthority('inventory:read')")
	@Operation(summary = "A store's same-day slot settings", description = "Requires `inventory:read`.")
	SameDaySettings sameDay(@PathVariable String id) {
		return slots.settings(id);
	}

	@PutMapping(path = "/locations/{id}/same-day", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('inventory:manage')")
	@Operation(summary = "Set a store's same-day slots", description = "Requires `inventory:manage`. Local times.")
	SameDaySettings configure(@PathVariable String id, @RequestBody SettingsBody body) {
		return slots.configure(id, body.opens(), body.closes(), body.slotMinutes(), body.capacity(), body.cutoff(),
				body.leadMinutes());
	}

	@GetMapping("/locations/{id}/same-day-slots")
	@PreAuthorize("hasAnyAuthority('inventory:read', 'carts:write')")
	@Operation(summary = "A store's same-day delivery slots on a date of the store",
			description = "Requires `inventory:read` or `carts:write`. `date` defaults to the store's today.")
	List<SlotView> sameDaySlots(@PathVariable String id, @RequestParam(required = false) @Nullable LocalDate date) {
		return slots.slots(id, date).stream().map(SlotView::of).toList();
	}

	record PickListView(String locationId, Instant at, List<EntryView> entries) {

		static PickListView of(PickList list) {
			return new PickListView(list.locationId().value(), list.at(),
					list.entries()
						.stream()
						.map(e -> new EntryView(e.sku(), e.barcode(), e.toPick(),
								e.picks()
									.stream()
									.map(p -> new PickView(p.taskId(), p.fulfilmentId().value(), p.reference(),
											p.method().name(), p.quantity(), p.picked(), p.dueAt()))
									.toList()))
						.toList());
		}

	}

	record EntryView(String sku, @Nullable String barcode, int toPick, List<PickView> picks) {
	}

	record PickView(String taskId, String fulfilmentId, String reference, String method, int quantity, int picked,
			Instant dueAt) {
	}

	record PackBody(@Nullable List<ParcelInput> parcels) {
	}

	record ShipBody(@Nullable String carrier, @Nullable String trackingNumber, @Nullable String trackingUrl) {
	}

	record StatusBody(@Nullable ParcelStatus status, @Nullable String note) {
	}

	record SettingsBody(@Nullable LocalTime opens, @Nullable LocalTime closes, @Nullable Integer slotMinutes,
			@Nullable Integer capacity, @Nullable LocalTime cutoff, @Nullable Integer leadMinutes) {
	}

	record SlotView(OffsetDateTime start, OffsetDateTime end, Instant bookableUntil, int capacity, int booked,
			int remaining, boolean bookable, @Nullable String why) {

		static SlotView of(SameDaySlot s) {
			return new SlotView(s.start(), s.end(), s.bookableUntil(), s.capacity(), s.booked(), s.remaining(),
					s.bookable(), s.why());
		}

	}

	record ParcelView(String id, String fulfilmentId, String locationId, String taskId, int weightGrams,
			Parcel.@Nullable Dimensions dimensions, String status, @Nullable String carrier,
			@Nullable String trackingNumber, @Nullable String trackingUrl, List<Parcel.Item> items,
			List<Parcel.Event> history, Instant createdAt, Instant updatedAt) {

		static ParcelView of(Parcel p) {
			return new ParcelView(p.id().value(), p.fulfilmentId().value(), p.locationId().value(), p.taskId(),
					p.weightGrams(), p.dimensions(), p.status().name(), p.carrier(), p.trackingNumber(),
					p.trackingUrl(), p.items(), p.history(), p.createdAt(), p.updatedAt());
		}

	}

}
