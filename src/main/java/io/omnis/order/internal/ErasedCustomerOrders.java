package io.omnis.order.internal;

import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.customer.ProfileEvents.ProfileErased;
import io.omnis.fulfilment.Fulfilments;
import io.omnis.kernel.problem.ProblemException;

/**
 * Removes an erased customer from carts and orders, in the erasure's transaction. Orders
 * keep their lines, amounts and payments (the books need them) under no name: the
 * reference and identifiers she placed them with go, as does where they were delivered.
 * Her carts become anonymous and lapse. An order not yet shipped or handed over still
 * needs her: the erasure is refused until it is completed or cancelled.
 */
@Component
class ErasedCustomerOrders {

	/**
	 * Hers: made out to her profiles, or to no profile under one of her identifiers (one
	 * made out to another profile under a device id she shared is that person's).
	 */
	private static final String HERS = "(profile_id = any(:profiles::text[])"
			+ " or (profile_id is null and customer_ids && :identifiers::text[]))";

	private final JdbcClient jdbc;

	private final Fulfilments fulfilments;

	ErasedCustomerOrders(JdbcClient jdbc, Fulfilments fulfilments) {
		this.jdbc = jdbc;
		this.fulfilments = fulfilments;
	}

	@EventListener
	void on(ProfileErased erased) {
		String[] profiles = erased.profileIds().toArray(String[]::new);
		String[] identifiers = erased.identifiers().toArray(String[]::new);
		List<String> inProgress = jdbc
			.sql("select id from customer_order where " + HERS
					+ " and status in ('PLACED', 'PAID', 'ALLOCATED') order by id limit 5")
			.param("profiles", profiles)
			.param("identifiers", identifiers)
			.query(String.class)
			.list();
		if (!inProgress.isEmpty()) {
			throw ProblemException.conflict("The customer has orders in progress (" + String.join(", ", inProgress)
					+ "); complete or cancel them before erasing her");
		}
		List<String> orders = jdbc
			.sql("update customer_order set customer = null, customer_ids = '{}' where " + HERS + " returning id")
			.param("profiles", profiles)
			.param("identifiers", identifiers)
			.query(String.class)
			.list();
		jdbc.sql("update order_delivery set latitude = null, longitude = null where order_id = any(:orders::text[])")
			.param("orders", orders.toArray(String[]::new))
			.update();
		fulfilments.forgetCustomer(orders);
		List<String> carts = jdbc
			.sql("update cart set customer_ids = '{}', profile_id = null where " + HERS + " returning id")
			.param("profiles", profiles)
			.param("identifiers", identifiers)
			.query(String.class)
			.list();
		jdbc.sql("delete from cart_handover where cart_id = any(:carts::text[])")
			.param("carts", carts.toArray(String[]::new))
			.update();
	}

}
