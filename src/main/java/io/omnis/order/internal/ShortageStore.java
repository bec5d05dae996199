package io.omnis.order.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.kernel.Ids;
import io.omnis.order.OrderId;

/**
 * The order_shortage table: units of an order no location could serve, owed back to the
 * customer.
 */
@Component
public class ShortageStore {

	private final JdbcClient jdbc;

	ShortageStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return whether it is new (not the same re-route told again)
	 */
	public boolean insert(OrderId order, String sku, int quantity, String reason, Instant at) {
		return jdbc.sql("""
				insert into order_shortage (id, order_id, sku, quantity, reason, occurred_at)
				values (:id, :order, :sku, :quantity, :reason, :now)
				on conflict (order_id, sku, occurred_at) do nothing""")
			.param("id", Ids.next("sho"))
			.param("order", order.value())
			.param("sku", sku)
			.param("quantity", quantity)
			.param("reason", reason)
			.param("now", Timestamp.from(at))
			.update() == 1;
	}

	/**
	 * Records how the shortage was settled: REFUNDED, or NOT_PAID when nothing was
	 * captured.
	 */
	public void settle(OrderId order, String sku, Instant at, String refund) {
		jdbc.sql("""
				update order_shortage set refund = :refund
				 where order_id = :order and sku = :sku and occurred_at = :at""")
			.param("refund", refund)
			.param("order", order.value())
			.param("sku", sku)
			.param("at", Timestamp.from(at))
			.update();
	}

	public List<Shortage> of(OrderId order) {
		return jdbc.sql("""
				select sku, quantity, reason, refund, occurred_at from order_shortage
				 where order_id = :order order by id""")
			.param("order", order.value())
			.query((rs, n) -> new Shortage(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant()))
			.list();
	}

	/**
	 * Units that could not be served; {@code refund} is PENDING until settled: REFUNDED,
	 * or NOT_PAID when nothing had been captured.
	 */
	public record Shortage(String sku, int quantity, String reason, String refund, Instant occurredAt) {
	}

}
