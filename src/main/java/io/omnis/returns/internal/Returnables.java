package io.omnis.returns.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.order.Order;
import io.omnis.order.OrderLine;

/**
 * The returnable table: per order line, the units bought and those returned by returns
 * not cancelled. Taking units is one conditional UPDATE, so two returns racing for the
 * last unit of a line cannot both have it, on any number of nodes.
 */
@Repository
public class Returnables {

	private final JdbcClient jdbc;

	Returnables(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Writes the order's lines the first time one of its units is returned. */
	public void ensure(Order order) {
		List<OrderLine> lines = order.lines();
		for (int i = 0; i < lines.size(); i++) {
			jdbc.sql("""
					insert into returnable (order_id, position, sku, bought) values (:order, :position, :sku, :bought)
					on conflict do nothing""")
				.param("order", order.id().value())
				.param("position", i)
				.param("sku", lines.get(i).sku())
				.param("bought", lines.get(i).quantity())
				.update();
		}
	}

	/**
	 * Takes the units if that many are still returnable.
	 * @return whether they were taken
	 */
	public boolean take(Order order, int position, int quantity) {
		return jdbc.sql("""
				update returnable set returned = returned + :quantity
				 where order_id = :order and position = :position and returned + :quantity <= bought""")
			.param("order", order.id().value())
			.param("position", position)
			.param("quantity", quantity)
			.update() == 1;
	}

	/** Gives units back (their return was cancelled). */
	public void giveBack(String orderId, int position, int quantity) {
		jdbc.sql(
				"""
						update returnable set returned = returned - :quantity where order_id = :order and position = :position""")
			.param("order", orderId)
			.param("position", position)
			.param("quantity", quantity)
			.update();
	}

	/** Units returned so far of the order line. */
	public int returned(String orderId, int position) {
		return jdbc.sql("select coalesce(max(returned), 0) from returnable where order_id = :order and position = :p")
			.param("order", orderId)
			.param("p", position)
			.query(Integer.class)
			.single();
	}

}
