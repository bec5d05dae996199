package io.omnis.order.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;
import io.omnis.order.CartId;
import io.omnis.order.Order;
import io.omnis.order.OrderId;
import io.omnis.order.OrderKind;
import io.omnis.order.OrderLine;
import io.omnis.order.OrderStatus;

/**
 * The customer_order and order_line tables.
 */
@Repository
public class OrderStore {

	private final JdbcClient jdbc;

	OrderStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Writes the order and all its lines, whatever their number, in one statement. */
	public void insert(Order order) {
		List<OrderLine> lines = order.lines();
		jdbc.sql("""
				with placed as (
				     insert into customer_order (id, kind, status, cart_id, channel_id, location_id, currency, country,
				            customer, customer_ids, profile_id, net, tax, total, reservation_id, payment_method,
				            payment_reference, payment_due_at, placed_at, paid_at, completed_at, updated_at)
				     values (:id, :kind, :status, :cart, :channel, :location, :currency, :country, :customer,
				             :customerIds, :profile, :net, :tax, :total, :reservation, :method, :reference, :dueAt,
				             :placedAt, :paidAt, :completedAt, :updatedAt))
				insert into order_line (order_id, position, sku, quantity, unit_gross, unit_net, unit_tax, tax_rate)
				select :id, l.* from unnest(:positions::int[], :skus::text[], :quantities::int[], :gross::bigint[],
				       :lineNet::bigint[], :lineTax::bigint[], :rates::numeric[]) as l""")
			.param("id", order.id().value())
			.param("kind", order.kind().name())
			.param("status", order.status().name())
			.param("cart", order.cartId() == null ? null : order.cartId().value())
			.param("channel", order.channelId().value())
			.param("location", order.locationId())
			.param("currency", order.currency())
			.param("country", order.country())
			.param("customer", order.customer())
			.param("customerIds", order.customerIds().toArray(String[]::new))
			.param("profile", order.profileId())
			.param("net", order.net().minorUnits())
			.param("tax", order.tax().minorUnits())
			.param("total", order.total().minorUnits())
			.param("reservation", order.reservationId())
			.param("method", order.paymentMethod())
			.param("reference", order.paymentReference())
			.param("dueAt", time(order.paymentDueAt()))
			.param("placedAt", Timestamp.from(order.placedAt()))
			.param("paidAt", time(order.paidAt()))
			.param("completedAt", time(order.completedAt()))
			.param("updatedAt", Timestamp.from(order.updatedAt()))
			.param("positions", java.util.stream.IntStream.range(0, lines.size()).boxed().toArray(Integer[]::new))
			.param("skus", lines.stream().map(OrderLine::sku).toArray(String[]::new))
			.param("quantities", lines.stream().map(OrderLine::quantity).toArray(Integer[]::new))
			.param("gross", lines.stream().map(l -> l.unitPrice().minorUnits()).toArray(Long[]::new))
			.param("lineNet", lines.stream().map(l -> l.unitNet().minorUnits()).toArray(Long[]::new))
			.param("lineTax", lines.stream().map(l -> l.unitTax().minorUnits()).toArray(Long[]::new))
			.param("rates", lines.stream().map(l -> l.taxRate().toPlainString()).toArray(String[]::new))
			.update();
	}

	/**
	 * Writes a transition, only if the order is still in the state it was read in (it is
	 * locked, so this is a second guard, not the first).
	 */
	/** The order's stock is now held by another reservation (its fulfilment's). */
	public void heldBy(OrderId order, String reservationId) {
		jdbc.sql("update customer_order set reservation_id = :reservation where id = :id")
			.param("id", order.value())
			.param("reservation", reservationId)
			.update();
	}

	public void transition(Order order, OrderStatus from) {
		int updated = jdbc.sql("""
				update customer_order set status = :status, payment_method = :method, payment_reference = :reference,
				       payment_due_at = :dueAt, cancel_reason = :reason, paid_at = :paidAt, allocated_at = :allocatedAt,
				       fulfilled_at = :fulfilledAt, completed_at = :completedAt, cancelled_at = :cancelledAt,
				       updated_at = :updatedAt
				 where id = :id and status = :from""")
			.param("id", order.id().value())
			.param("from", from.name())
			.param("status", order.status().name())
			.param("method", order.paymentMethod())
			.param("reference", order.paymentReference())
			.param("dueAt", time(order.paymentDueAt()))
			.param("reason", order.cancelReason())
			.param("paidAt", time(order.paidAt()))
			.param("allocatedAt", time(order.allocatedAt()))
			.param("fulfilledAt", time(order.fulfilledAt()))
			.param("completedAt", time(order.completedAt()))
			.param("cancelledAt", time(order.cancelledAt()))
			.param("updatedAt", Timestamp.from(order.updatedAt()))
			.update();
		if (updated != 1) {
			throw new IllegalStateException("Order " + order.id() + " was not " + from + " any more");
		}
	}

	public Optional<Order> find(OrderId id, boolean lock) {
		return jdbc.sql("select * from customer_order where id = :id" + (lock ? " for update" : ""))
			.param("id", id.value())
			.query(this::order)
			.optional();
	}

	public Optional<OrderId> ofCart(CartId cart) {
		return jdbc.sql("select id from customer_order where cart_id = :cart")
			.param("cart", cart.value())
			.query((rs, n) -> new OrderId(rs.getString(1)))
			.optional();
	}

	/**
	 * A page of the orders of a customer known by any of these identifiers or profiles,
	 * newest first, before the given id.
	 */
	public List<Order> ofCustomer(Collection<String> customerIds, Collection<String> profileIds,
			@Nullable String before, int limit) {
		return jdbc.sql("""
				select * from customer_order
				 where (customer_ids && :ids::text[] or profile_id = any(:profiles::text[]))
				   and (:before::text is null or id < :before)
				 order by id desc limit :limit""")
			.param("ids", customerIds.toArray(String[]::new))
			.param("profiles", profileIds.toArray(String[]::new))
			.param("before", before)
			.param("limit", limit)
			.query(this::order)
			.list();
	}

	/** The newest orders of every customer, for the console. */
	public List<Order> recent(@Nullable String before, int limit, @Nullable OrderStatus status) {
		return jdbc.sql("""
				select * from customer_order where (:before::text is null or id < :before)
				   and (:status::text is null or status = :status)
				 order by id desc limit :limit""")
			.param("before", before)
			.param("status", status == null ? null : status.name())
			.param("limit", limit)
			.query(this::order)
			.list();
	}

	/**
	 * Locks up to {@code limit} placed orders whose payment is overdue, skipping those
	 * another node is handling.
	 */
	public List<OrderId> lockOverdue(Instant now, int limit) {
		return jdbc.sql("""
				select id from customer_order where status = 'PLACED' and payment_due_at <= :now
				 order by payment_due_at limit :limit for update skip locked""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, n) -> new OrderId(rs.getString(1)))
			.list();
	}

	public void moveProfile(String merged, String survivor) {
		jdbc.sql("update customer_order set profile_id = :survivor where profile_id = :merged")
			.param("survivor", survivor)
			.param("merged", merged)
			.update();
	}

	private Order order(ResultSet rs, int row) throws SQLException {
		String id = rs.getString("id");
		String currency = rs.getString("currency");
		List<OrderLine> lines = jdbc.sql("select * from order_line where order_id = :id order by position")
			.param("id", id)
			.query((l, n) -> new OrderLine(l.getString("sku"), l.getInt("quantity"),
					Money.of(l.getLong("unit_gross"), currency), Money.of(l.getLong("unit_net"), currency),
					Money.of(l.getLong("unit_tax"), currency), l.getBigDecimal("tax_rate")))
			.list();
		String cart = rs.getString("cart_id");
		return new Order(new OrderId(id), OrderKind.valueOf(rs.getString("kind")),
				OrderStatus.valueOf(rs.getString("status")), cart == null ? null : new CartId(cart),
				new ChannelId(rs.getString("channel_id")), rs.getString("location_id"), currency,
				rs.getString("country"), rs.getString("customer"), CartStore.strings(rs.getArray("customer_ids")),
				rs.getString("profile_id"), lines, Money.of(rs.getLong("net"), currency),
				Money.of(rs.getLong("tax"), currency), Money.of(rs.getLong("total"), currency),
				rs.getString("reservation_id"), rs.getString("payment_method"), rs.getString("payment_reference"),
				instant(rs, "payment_due_at"), rs.getString("cancel_reason"), rs.getTimestamp("placed_at").toInstant(),
				instant(rs, "paid_at"), instant(rs, "allocated_at"), instant(rs, "fulfilled_at"),
				instant(rs, "completed_at"), instant(rs, "cancelled_at"), rs.getTimestamp("updated_at").toInstant());
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp time = rs.getTimestamp(column);
		return time == null ? null : time.toInstant();
	}

	private static @Nullable Timestamp time(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

}
