package io.omnis.order.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.fulfilment.FulfilmentId;
import io.omnis.fulfilment.FulfilmentMethod;
import io.omnis.inventory.Coordinates;
import io.omnis.inventory.LocationId;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.order.OrderId;

/**
 * How each web or app order is to reach its customer (the method, where to, or which
 * store she collects from) and the fulfilment that serves it once routed.
 */
@Component
public class DeliveryStore {

	private final JdbcClient jdbc;

	DeliveryStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The instructions as given at checkout, checked: a 400 naming the field otherwise.
	 */
	public static Delivery of(@Nullable String method, @Nullable Double latitude, @Nullable Double longitude,
			@Nullable String pickupLocationId) {
		return of(method, latitude, longitude, pickupLocationId, null, null, false);
	}

	/**
	 * The instructions with the same-day slot chosen (required for SAME_DAY, refused for
	 * the others); its store and time are checked when it is booked.
	 */
	public static Delivery of(@Nullable String method, @Nullable Double latitude, @Nullable Double longitude,
			@Nullable String pickupLocationId, @Nullable String slotLocationId, @Nullable String slotStart,
			boolean slotGiven) {
		Delivery delivery = parse(method, latitude, longitude, pickupLocationId);
		if (delivery.method() != FulfilmentMethod.SAME_DAY) {
			if (slotGiven) {
				throw ProblemException.invalidField("fulfilment.slot", "is only for SAME_DAY");
			}
			return delivery;
		}
		if (!slotGiven) {
			throw ProblemException.invalidField("fulfilment.slot",
					"is required for SAME_DAY: {locationId, start} of a slot from GET /api/v1/locations/{id}/same-day-slots");
		}
		OffsetDateTime start;
		try {
			start = slotStart == null ? null : OffsetDateTime.parse(slotStart);
		}
		catch (DateTimeParseException ex) {
			throw ProblemException.invalidField("fulfilment.slot.start",
					"must be a date and time with its offset, such as 2026-11-23T14:00:00Z");
		}
		return new Delivery(delivery.method(), delivery.destination(), null, null, new Slot(slotLocationId, start));
	}

	private static Delivery parse(@Nullable String method, @Nullable Double latitude, @Nullable Double longitude,
			@Nullable String pickupLocationId) {
		FulfilmentMethod parsed;
		try {
			parsed = FulfilmentMethod.valueOf(method == null ? "" : method);
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalidField("fulfilment.method", "must be SHIP, SAME_DAY, PICKUP or CURBSIDE");
		}
		if (parsed.atStore()) {
			if (pickupLocationId == null || !LocationId.isValid(pickupLocationId)) {
				throw ProblemException.invalidField("fulfilment.pickupLocationId",
						"is required to " + parsed + " and must be a location id");
			}
			return new Delivery(parsed, null, new LocationId(pickupLocationId), null);
		}
		if (latitude == null || latitude.isNaN() || latitude < -90 || latitude > 90) {
			throw ProblemException.invalidField("fulfilment.destination.latitude",
					"is required to " + parsed + " and must be between -90 and 90");
		}
		if (longitude == null || longitude.isNaN() || longitude < -180 || longitude > 180) {
			throw ProblemException.invalidField("fulfilment.destination.longitude",
					"is required to " + parsed + " and must be between -180 and 180");
		}
		return new Delivery(parsed, new Coordinates(latitude, longitude), null, null);
	}

	public void insert(OrderId order, Delivery delivery) {
		jdbc.sql("""
				insert into order_delivery (order_id, method, latitude, longitude, pickup_location_id)
				values (:order, :method, :lat, :lon, :pickup)""")
			.param("order", order.value())
			.param("method", delivery.method().name())
			.param("lat", delivery.destination() == null ? null : delivery.destination().latitude())
			.param("lon", delivery.destination() == null ? null : delivery.destination().longitude())
			.param("pickup", delivery.pickupLocationId() == null ? null : delivery.pickupLocationId().value())
			.update();
	}

	public Optional<Delivery> find(OrderId order) {
		return jdbc.sql("""
				select method, latitude, longitude, pickup_location_id, fulfilment_id
				  from order_delivery where order_id = :order""").param("order", order.value()).query((rs, n) -> {
			double lat = rs.getDouble(2);
			Coordinates destination = rs.wasNull() ? null : new Coordinates(lat, rs.getDouble(3));
			String pickup = rs.getString(4);
			String fulfilment = rs.getString(5);
			return new Delivery(FulfilmentMethod.valueOf(rs.getString(1)), destination,
					pickup == null ? null : new LocationId(pickup),
					fulfilment == null ? null : new FulfilmentId(fulfilment));
		}).optional();
	}

	/**
	 * How each of these orders reaches its customer, for their answers: one statement for
	 * a page of orders. Orders without delivery instructions (till sales, orders placed
	 * without {@code fulfilment}) are absent.
	 */
	public Map<OrderId, Summary> summaries(Collection<OrderId> orders) {
		if (orders.isEmpty()) {
			return Map.of();
		}
		Map<OrderId, Summary> found = new HashMap<>();
		jdbc.sql("""
				select order_id, method, fulfilment_id, routing_problem
				  from order_delivery where order_id = any(:orders::text[])""")
			.param("orders", orders.stream().map(OrderId::value).toArray(String[]::new))
			.query(rs -> {
				String fulfilment = rs.getString(3);
				found.put(new OrderId(rs.getString(1)), new Summary(FulfilmentMethod.valueOf(rs.getString(2)),
						fulfilment == null ? null : new FulfilmentId(fulfilment), rs.getString(4)));
			});
		return found;
	}

	/** How the order reaches its customer, for its answer; null without instructions. */
	public @Nullable Summary summary(OrderId order) {
		return summaries(List.of(order)).get(order);
	}

	/** The order whose delivery the fulfilment serves. */
	public Optional<OrderId> orderOf(FulfilmentId fulfilment) {
		return jdbc.sql("select order_id from order_delivery where fulfilment_id = :fulfilment")
			.param("fulfilment", fulfilment.value())
			.query((rs, n) -> new OrderId(rs.getString(1)))
			.optional();
	}

	public void routed(OrderId order, FulfilmentId fulfilment, Instant now) {
		jdbc.sql("""
				update order_delivery set fulfilment_id = :fulfilment, routing_problem = null, routed_at = :now
				 where order_id = :order""")
			.param("order", order.value())
			.param("fulfilment", fulfilment.value())
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Why the order was not routed, if it was tried and failed. */
	public Optional<String> problem(OrderId order) {
		return jdbc.sql("select routing_problem from order_delivery where order_id = :order")
			.param("order", order.value())
			.query((rs, n) -> Optional.ofNullable(rs.getString(1)))
			.optional()
			.flatMap(p -> p);
	}

	public void notRouted(OrderId order, String problem) {
		jdbc.sql("update order_delivery set routing_problem = :problem where order_id = :order")
			.param("order", order.value())
			.param("problem", problem.length() > 500 ? problem.substring(0, 500) : problem)
			.update();
	}

	/**
	 * Where to, the fulfilment once routed, and for SAME_DAY the slot chosen at checkout
	 * (booked with the order; kept by the fulfilment module, not here).
	 */
	public record Delivery(FulfilmentMethod method, @Nullable Coordinates destination,
			@Nullable LocationId pickupLocationId, @Nullable FulfilmentId fulfilmentId, @Nullable Slot slot) {

		public Delivery(FulfilmentMethod method, @Nullable Coordinates destination,
				@Nullable LocationId pickupLocationId, @Nullable FulfilmentId fulfilmentId) {
			this(method, destination, pickupLocationId, fulfilmentId, null);
		}

	}

	/**
	 * An order's delivery as its answer shows it: the method, the fulfilment serving it
	 * once routed, and why routing failed if it did.
	 */
	public record Summary(FulfilmentMethod method, @Nullable FulfilmentId fulfilmentId,
			@Nullable String routingProblem) {
	}

	/** The same-day slot chosen: the store delivering it and the slot's start. */
	public record Slot(@Nullable String locationId, @Nullable OffsetDateTime start) {
	}

}
