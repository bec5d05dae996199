package io.omnis.order.internal;

import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.kernel.Money;
import io.omnis.order.Order;
import io.omnis.order.OrderId;
import io.omnis.order.OrderPayment;

/**
 * The order_payment table: what each method took for an order and what of it is refunded.
 */
@Repository
public class PaymentStore {

	private final JdbcClient jdbc;

	PaymentStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records a payment as the order's next part. */
	public void add(OrderId order, String method, String reference, Money amount, OrderPayment.Kind kind,
			java.time.Instant at) {
		jdbc.sql("""
				insert into order_payment (order_id, n, method, reference, amount, currency, kind, created_at)
				select :order, coalesce(max(n), 0) + 1, :method, :reference, :amount, :currency, :kind, :at
				  from order_payment where order_id = :order""")
			.param("order", order.value())
			.param("method", method)
			.param("reference", reference)
			.param("amount", amount.minorUnits())
			.param("currency", amount.currency().getCurrencyCode())
			.param("kind", kind.name())
			.param("at", Timestamp.from(at))
			.update();
	}

	/**
	 * Records the payment of an order paid in one go before its parts were recorded (a
	 * till sale, an order older than this table) as its first part; nothing when it has
	 * parts or was never paid.
	 */
	public void recordLegacy(Order order) {
		if (order.paidAt() == null || order.total().minorUnits() == 0) {
			return;
		}
		jdbc.sql("""
				insert into order_payment (order_id, n, method, reference, amount, currency, kind, created_at)
				select :order, 1, :method, :reference, :amount, :currency, 'CHECKOUT', :at
				 where not exists (select 1 from order_payment where order_id = :order)
				on conflict do nothing""")
			.param("order", order.id().value())
			.param("method", order.paymentMethod())
			.param("reference", order.paymentReference() == null ? "" : order.paymentReference())
			.param("amount", order.total().minorUnits())
			.param("currency", order.currency())
			.param("at", Timestamp.from(order.paidAt()))
			.update();
	}

	public List<OrderPayment> of(OrderId order) {
		return query(order, "");
	}

	/** The order's parts, each row locked to the end of the transaction. */
	public List<OrderPayment> lock(OrderId order) {
		return query(order, " for update");
	}

	/**
	 * Adds to what is refunded of one part only while it stays within what the part took.
	 * @return whether it was added
	 */
	public boolean claim(OrderId order, int n, long amount) {
		return jdbc.sql("""
				update order_payment set refunded = refunded + :amount
				 where order_id = :order and n = :n and refunded + :amount <= amount""")
			.param("order", order.value())
			.param("n", n)
			.param("amount", amount)
			.update() == 1;
	}

	private List<OrderPayment> query(OrderId order, String suffix) {
		return jdbc.sql("select * from order_payment where order_id = :order order by n" + suffix)
			.param("order", order.value())
			.query((rs, i) -> new OrderPayment(order, rs.getInt("n"), rs.getString("method"), rs.getString("reference"),
					Money.of(rs.getLong("amount"), rs.getString("currency")),
					Money.of(rs.getLong("refunded"), rs.getString("currency")),
					OrderPayment.Kind.valueOf(rs.getString("kind")), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

}
