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

/**
 * What the customer 360 shows of the order module: her orders from every channel, with
 * the steps staff may take, and her open carts.
 */
@Configuration(proxyBeanMethods = false)
class OrderPanels {

	@Bean
	CustomerPanel ordersPanel(Orders orders) {
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
				return orders.history(customer.profileId(), null, limit).data().stream().map(OrderPanels::row).toList();
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

	private static int units(Cart cart) {
		return cart.lines().stream().mapToInt(line -> line.quantity()).sum();
	}

}
