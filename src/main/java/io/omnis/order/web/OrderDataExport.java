package io.omnis.order.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.omnis.kernel.CustomerDataExport;
import io.omnis.kernel.CustomerPanel;
import io.omnis.kernel.web.Page;
import io.omnis.order.Carts;
import io.omnis.order.Orders;
import io.omnis.order.Refunds;
import io.omnis.order.internal.DeliveryStore;
import io.omnis.order.web.OrderJson.CartView;
import io.omnis.order.web.OrderJson.OrderView;

/**
 * Her orders from every channel, with their lines, payments and states, and her open
 * carts, for the copy of her data.
 */
@Component
class OrderDataExport implements CustomerDataExport {

	static final int MAX_ORDERS = 10_000;

	private final Orders orders;

	private final Carts carts;

	private final DeliveryStore deliveries;

	private final Refunds refunds;

	OrderDataExport(Orders orders, Carts carts, DeliveryStore deliveries, Refunds refunds) {
		this.orders = orders;
		this.carts = carts;
		this.deliveries = deliveries;
		this.refunds = refunds;
	}

	@Override
	public String section() {
		return "orders";
	}

	@Override
	public Object export(CustomerPanel.Customer customer) {
		Map<String, Object> section = new LinkedHashMap<>();
		// As the API shows them: with delivery and payments
		section.put("orders",
				Page.all(cursor -> orders.history(customer.profileId(), cursor, 100), MAX_ORDERS)
					.stream()
					.map(order -> OrderView.of(order, deliveries.summary(order.id())).with(refunds.payments(order)))
					.toList());
		section.put("openCarts", carts.openCartsOf(customer.profileId()).stream().map(CartView::of).toList());
		return section;
	}

}
