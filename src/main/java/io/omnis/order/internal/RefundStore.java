package io.omnis.order.internal;

import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.kernel.Money;
import io.omnis.order.OrderId;
import io.omnis.order.OrderRefund;

/**
 * The order_refund table and the refunded total kept on customer_order (what each payment
 * may still give back is guarded in {@link PaymentStore}).
 */
@Repository
public class RefundStore {

	private final JdbcClient jdbc;

	RefundStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds to the order's refunded total (each payment's own share is guarded). */
	public void add(OrderId order, long amount) {
		jdbc.sql("update customer_order set refunded = refunded + :amount where id = :id")
			.param("id", order.value())
			.param("amount", amount)
			.update();
	}

	public long refunded(OrderId order) {
		return jdbc.sql("select refunded from customer_order where id = :id")
			.param("id", order.value())
			.query(Long.class)
			.single();
	}

	public void insert(OrderRefund refund) {
		jdbc.sql("""
				insert into order_refund (id, order_id, amount, currency, payment_method, reference, reason,
				       source_reference, created_at)
				values (:id, :order, :amount, :currency, :method, :reference, :reason, :source, :at)""")
			.param("id", refund.id())
			.param("order", refund.orderId().value())
			.param("amount", refund.amount().minorUnits())
			.param("currency", refund.amount().currency().getCurrencyCode())
			.param("method", refund.paymentMethod())
			.param("reference", refund.reference())
			.param("reason", refund.reason())
			.param("source", refund.sourceReference())
			.param("at", Timestamp.from(refund.createdAt()))
			.update();
	}

	public List<OrderRefund> of(OrderId order) {
		return jdbc.sql("select * from order_refund where order_id = :id order by id")
			.param("id", order.value())
			.query((rs, n) -> new OrderRefund(rs.getString("id"), order,
					Money.of(rs.getLong("amount"), rs.getString("currency")), rs.getString("payment_method"),
					rs.getString("reference"), rs.getString("reason"), rs.getString("source_reference"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

}
