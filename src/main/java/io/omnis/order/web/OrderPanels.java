package io.omnis.order.web;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.omnis.kernel.CustomerPanel;
import io.omnis.kernel.security.Permission;
import io.omnis.order.Cart;
import io.omnis.order.Carts;
import io.omnis.order.Order;
import io.omnis.order.OrderStatus;
import io.omnis.order.Orders;
import io.omnis.order.PickupNotices;

/**
 * What the customer 360 shows of the order module: her orders from every channel, with
 * the steps staff may take, and her open carts.
 */
@Configuration(proxyBeanMethods = false)
class OrderPanels {

	@Bean
	CustomerPanel ordersPanel(Orders orders, PickupNotices pickups) {
		return new CustomerPanel() {

			@Override
			public String title() {
				return "Orders";
			}

			@Override
			public int position() {
				return 10;
			}

			@Override
			public Permission requires() {
				return Permission.ORDERS_READ;
			}

			@Override
			public List<Row> rows(Customer customer, int limit) {
				return orders.history(customer.profileId(), null, limit)
					.data()
					.stream()
					.map(order -> withPickup(row(order), order, pickups))
					.toList();
			}

		};
	}

	@Bean
	CustomerPanel cartsPanel(Carts carts) {
		return new CustomerPanel() {

			@Override
			public String title() {
				return "Open carts";
			}

			@Override
			public int position() {
				return 20;
			}

			@Override
			public Permission requires() {
				return Permission.ORDERS_READ;
			}

			@Override
			public List<Row> rows(Customer customer, int limit) {
				return carts.openCartsOf(customer.profileId())
					.stream()
					.limit(limit)
					.map(cart -> new Row(cart.id().value() + " · " + units(cart) + " items",
							cart.total() + " · until " + cart.expiresAt(), cart.status().name().toLowerCase(), null,
							cart.updatedAt(), List.of()))
					.toList();
			}

		};
	}

	private static CustomerPanel.Row row(Order order) {
		String href = "/console/orders/" + order.id().value();
		List<CustomerPanel.Action> actions = order.status().next().contains(OrderStatus.CANCELLED)
				? List.of(new CustomerPanel.Action("Cancel", href + "/cancel", Permission.ORDERS_WRITE,
						"Cancel order " + order.id().value() + " and release its stock?"))
				: List.of();
		return new CustomerPanel.Row(order.id().value() + " · " + order.units() + " items",
				order.total() + " · " + order.kind().name().toLowerCase().replace('_', ' '),
				order.status().name().toLowerCase(), href, order.placedAt(), actions);
	}

	/** A click-and-collect order waiting at its store can have its code sent again. */
	private static CustomerPanel.Row withPickup(CustomerPanel.Row row, Order order, PickupNotices pickups) {
		if (order.status() != OrderStatus.ALLOCATED || pickups.pickupOf(order.id())
			.filter(p -> p.status() == io.omnis.fulfilment.Pickup.Status.READY)
			.isEmpty()) {
			return row;
		}
		List<CustomerPanel.Action> actions = new java.util.ArrayList<>(row.actions());
		actions.add(new CustomerPanel.Action("Resend pickup code",
				"/console/orders/" + order.id().value() + "/pickup-code", Permission.ORDERS_WRITE,
				"Send a new pickup code for order " + order.id().value() + "? The one sent before stops working."));
		return new CustomerPanel.Row(row.label(), row.detail() + " · ready to collect", "ready to collect", row.href(),
				row.at(), actions);
	}

	private static int units(Cart cart) {
		return cart.lines().stream().mapToInt(line -> line.quantity()).sum();
	}

}
