package io.omnis.order.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.fulfilment.Parcel;
import io.omnis.inventory.Address;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.Location;
import io.omnis.inventory.Opening;
import io.omnis.kernel.web.Page;
import io.omnis.order.OrderTracking;
import io.omnis.order.OrderTracking.Tracking;

/**
 * {@code /api/v1/orders/{id}/status} and
 * {@code /api/v1/customers/{profileId}/order-statuses}: where each order is, for every
 * channel.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Orders")
class OrderStatusController {

	private final OrderTracking tracking;

	OrderStatusController(OrderTracking tracking) {
		this.tracking = tracking;
	}

	@GetMapping("/orders/{id}/status")
	@PreAuthorize("hasAuthority('orders:read')")
	@Operation(
			summary = "Where an order is: its status, fulfilment stage, parcels with tracking links, "
					+ "pickup store, same-day slot and units owed back",
			description = "Requires `orders:read`. With `customer`, another customer's order answers 404.")
	StatusView status(@PathVariable String id, @RequestParam(required = false) @Nullable String customer) {
		return StatusView.of(tracking.of(id, customer));
	}

	@GetMapping("/customers/{profileId}/order-statuses")
	@PreAuthorize("hasAuthority('orders:read')")
	@Operation(summary = "Where each order of a customer is, newest first",
			description = "Requires `orders:read`. Her history across every channel, as in "
					+ "`/customers/{profileId}/orders`, each with its status as in `/orders/{id}/status`.")
	Page<StatusView> statuses(@PathVariable String profileId, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer limit) {
		Page<Tracking> page = tracking.history(profileId, cursor, limit);
		return new Page<>(page.data().stream().map(StatusView::of).toList(), page.nextCursor());
	}

	record StatusView(String orderId, String status, String kind, String channelId, @Nullable String profileId,
			Instant placedAt, Instant updatedAt, @Nullable DeliveryView delivery,
			List<OrderTracking.Shortage> shortages) {

		static StatusView of(Tracking t) {
			var o = t.order();
			return new StatusView(o.id().value(), o.status().name(), o.kind().name(), o.channelId().value(),
					o.profileId(), o.placedAt(), o.updatedAt(), DeliveryView.of(t), t.shortages());
		}

	}

	/**
	 * How the order reaches the customer. The pickup code of a PICKUP or CURBSIDE order
	 * belongs in {@link PickupView} once click & collect issues one.
	 */
	record DeliveryView(String method, @Nullable String stage, @Nullable String fulfilmentId,
			@Nullable Coordinates destination, @Nullable String routingProblem, List<LocationView> shipsFrom,
			@Nullable PickupView pickup, @Nullable SlotView sameDaySlot, List<ParcelView> parcels) {

		static @Nullable DeliveryView of(Tracking t) {
			if (t.delivery() == null) {
				return null;
			}
			return new DeliveryView(t.delivery().method().name(), t.stage(),
					t.fulfilment() == null ? null : t.fulfilment().id().value(), t.delivery().destination(),
					t.routingProblem(), t.shipsFrom().stream().map(LocationView::of).toList(),
					t.pickup() == null ? null : PickupView.of(t.pickup()),
					t.slot() == null ? null
							: new SlotView(t.slot().locationId().value(), t.slot().start(), t.slot().end()),
					t.parcels().stream().map(ParcelView::of).toList());
		}

	}

	record LocationView(String id, String name, String type) {

		static LocationView of(Location l) {
			return new LocationView(l.id().value(), l.name(), l.type().name());
		}

	}

	record PickupView(String locationId, String name, Address address, String timeZone, List<Opening> openingHours) {

		static PickupView of(Location l) {
			return new PickupView(l.id().value(), l.name(), l.address(), l.timeZone().getId(), l.openingHours());
		}

	}

	record SlotView(String locationId, OffsetDateTime start, OffsetDateTime end) {
	}

	record ParcelView(String id, String status, String locationId, @Nullable String carrier,
			@Nullable String trackingNumber, @Nullable String trackingUrl, int weightGrams, List<Parcel.Item> items,
			List<StepView> history) {

		static ParcelView of(Parcel p) {
			return new ParcelView(p.id().value(), p.status().name(), p.locationId().value(), p.carrier(),
					p.trackingNumber(), p.trackingUrl(), p.weightGrams(), p.items(),
					p.history().stream().map(e -> new StepView(e.status().name(), e.occurredAt())).toList());
		}

	}

	/** A status the parcel reached (who reported it stays with the staff). */
	record StepView(String status, Instant at) {
	}

}
