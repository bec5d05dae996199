package io.omnis.order;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.fulfilment.Fulfilment;
import io.omnis.fulfilment.OrderRouter;
import io.omnis.fulfilment.Parcel;
import io.omnis.fulfilment.ParcelStatus;
import io.omnis.fulfilment.Parcels;
import io.omnis.fulfilment.SameDayBooking;
import io.omnis.fulfilment.SameDaySlots;
import io.omnis.fulfilment.WorkQueue;
import io.omnis.fulfilment.WorkTask;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Locations;
import io.omnis.kernel.web.Page;
import io.omnis.order.internal.DeliveryStore;
import io.omnis.order.internal.ShortageStore;

/**
 * Where an order is, for every channel: its status, how it reaches the customer and how
 * far that got (its fulfilment's stage, the parcels with their carrier and tracking link,
 * the store she collects from, the same-day slot), and any units owed back to her. Read
 * under the same rules as the order itself.
 */
@Service
@Transactional(readOnly = true)
public class OrderTracking {

	private final Orders orders;

	private final DeliveryStore deliveries;

	private final OrderRouter router;

	private final WorkQueue work;

	private final Parcels parcels;

	private final SameDaySlots slots;

	private final Locations locations;

	private final ShortageStore shortages;

	OrderTracking(Orders orders, DeliveryStore deliveries, OrderRouter router, WorkQueue work, Parcels parcels,
			SameDaySlots slots, Locations locations, ShortageStore shortages) {
		this.orders = orders;
		this.deliveries = deliveries;
		this.router = router;
		this.work = work;
		this.parcels = parcels;
		this.slots = slots;
		this.locations = locations;
		this.shortages = shortages;
	}

	/** The order's status; 404 when it is another customer's than the one named. */
	public Tracking of(String orderId, @Nullable String customer) {
		return of(orders.get(orderId, customer));
	}

	/** The status of each order of the customer's history, newest first. */
	public Page<Tracking> history(String customer, @Nullable String cursor, @Nullable Integer limit) {
		Page<Order> page = orders.history(customer, cursor, limit);
		return new Page<>(page.data().stream().map(this::of).toList(), page.nextCursor());
	}

	private Tracking of(Order order) {
		List<Shortage> owed = shortages.of(order.id())
			.stream()
			.map(s -> new Shortage(s.sku(), s.quantity(), s.reason(), s.refund(), s.occurredAt()))
			.toList();
		DeliveryStore.Delivery delivery = deliveries.find(order.id()).orElse(null);
		if (delivery == null) {
			return new Tracking(order, null, null, null, null, List.of(), List.of(), null, null, owed);
		}
		Location pickup = delivery.pickupLocationId() == null ? null
				: locations.find(delivery.pickupLocationId()).orElse(null);
		SameDayBooking slot = slots.booking(order.channelId(), order.id().value()).orElse(null);
		if (delivery.fulfilmentId() == null) {
			String stage = order.status() == OrderStatus.CANCELLED ? "CANCELLED"
					: order.status() == OrderStatus.PLACED ? "AWAITING_PAYMENT" : "NOT_ROUTED";
			return new Tracking(order, delivery, deliveries.problem(order.id()).orElse(null), null, stage, List.of(),
					List.of(), pickup, slot, owed);
		}
		Fulfilment fulfilment = router.get(delivery.fulfilmentId().value());
		List<WorkTask> tasks = work.ofFulfilment(fulfilment.id());
		List<Parcel> shipped = parcels.of(fulfilment.id());
		List<Location> from = locations.all(fulfilment.active()
			.stream()
			.map(a -> a.locationId())
			.collect(java.util.stream.Collectors.toCollection(java.util.TreeSet<LocationId>::new)));
		return new Tracking(order, delivery, null, fulfilment, stage(order, fulfilment, tasks, shipped), shipped, from,
				pickup, slot, owed);
	}

	/** How far the fulfilment got, in one word a channel can show. */
	static String stage(Order order, Fulfilment fulfilment, List<WorkTask> tasks, List<Parcel> parcels) {
		if (order.status() == OrderStatus.CANCELLED) {
			return "CANCELLED";
		}
		if (fulfilment.active().isEmpty()) {
			return "UNFILLABLE";
		}
		List<WorkTask> open = tasks.stream().filter(t -> t.status() == WorkTask.Status.OPEN).toList();
		if (open.stream().anyMatch(t -> t.kind() == WorkTask.Kind.PICK)) {
			return "PICKING";
		}
		if (open.stream().anyMatch(t -> t.kind() == WorkTask.Kind.PACK)) {
			return "PACKING";
		}
		if (!open.isEmpty()) {
			return fulfilment.method().atStore() ? "READY_FOR_PICKUP" : "READY_TO_SHIP";
		}
		if (fulfilment.method().atStore()) {
			return "HANDED_OVER";
		}
		return !parcels.isEmpty() && parcels.stream().allMatch(p -> p.status() == ParcelStatus.DELIVERED) ? "DELIVERED"
				: "SHIPPED";
	}

	/**
	 * An order and how it reaches the customer.
	 *
	 * @param routingProblem why a paid order is not routed yet
	 * @param stage NOT_ROUTED, AWAITING_PAYMENT, PICKING, PACKING, READY_TO_SHIP,
	 * READY_FOR_PICKUP, SHIPPED, DELIVERED, HANDED_OVER, UNFILLABLE or CANCELLED; null
	 * without delivery instructions
	 * @param shipsFrom the locations serving it now
	 * @param pickup the store she collects from (PICKUP, CURBSIDE)
	 */
	public record Tracking(Order order, DeliveryStore.@Nullable Delivery delivery, @Nullable String routingProblem,
			@Nullable Fulfilment fulfilment, @Nullable String stage, List<Parcel> parcels, List<Location> shipsFrom,
			@Nullable Location pickup, @Nullable SameDayBooking slot, List<Shortage> shortages) {
	}

	/**
	 * Units no location could serve, owed back: {@code refund} PENDING, REFUNDED or
	 * NOT_PAID.
	 */
	public record Shortage(String sku, int quantity, String reason, String refund, java.time.Instant occurredAt) {
	}

}
