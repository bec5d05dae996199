package io.omnis.returns.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.omnis.kernel.CustomerPanel;
import io.omnis.kernel.security.Permission;
import io.omnis.order.Order;
import io.omnis.order.OrderStatus;
import io.omnis.order.Orders;
import io.omnis.returns.Return;
import io.omnis.returns.Returns;

/**
 * What the customer 360 shows of returns: her orders that can still be returned, each
 * with "Start a return", and her returns with where they are.
 */
@Configuration(proxyBeanMethods = false)
class ReturnPanels {

	@Bean
	CustomerPanel returnsPanel(Orders orders, Returns returns) {
		return new CustomerPanel() {

			@Override
			public String title() {
				return "Returns";
			}

			@Override
			public int position() {
				return 15;
			}

			@Override
			public Permission requires() {
				return Permission.ORDERS_READ;
			}

			@Override
			public List<Row> rows(Customer customer, int limit) {
				List<Row> rows = new ArrayList<>();
				for (Return r : returns.ofCustomer(customer.profileId(), null, limit).data()) {
					rows.add(new Row(r.id().value() + " · " + r.units() + " items of " + r.orderId().value(),
							r.amount() + " · " + r.resolution().name().toLowerCase().replace('_', ' '),
							r.status().name().toLowerCase(), "/console/returns/" + r.id().value(), r.updatedAt(),
							List.of()));
				}
				for (Order order : orders.history(customer.profileId(), null, limit).data()) {
					if (rows.size() >= limit * 2) {
						break;
					}
					if (order.status() != OrderStatus.FULFILLED && order.status() != OrderStatus.COMPLETED) {
						continue;
					}
					int left = returns.returnable(order).stream().mapToInt(Integer::intValue).sum();
					if (left > 0) {
						String href = "/console/returns/new?order=" + order.id().value();
						rows.add(new Row(order.id().value() + " · " + left + " items returnable",
								order.total() + " · " + order.kind().name().toLowerCase().replace('_', ' '),
								"returnable", "/console/orders/" + order.id().value(), order.placedAt(),
								List.of(new CustomerPanel.Action("Start a return", href, Permission.ORDERS_WRITE,
										null))));
					}
				}
				return rows;
			}

		};
	}

}
