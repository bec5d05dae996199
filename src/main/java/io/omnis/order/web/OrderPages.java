package io.omnis.order.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.omnis.channel.Channel;
import io.omnis.channel.Channels;
import io.omnis.inventory.Location;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Locations;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.web.NavigationItem;
import io.omnis.kernel.web.Page;
import io.omnis.order.Order;
import io.omnis.order.OrderStatus;
import io.omnis.order.Orders;
import io.omnis.order.Refunds;

/**
 * The console's order pages: every order newest first (or one customer's history), and
 * one order with its lines, totals and the next steps of its lifecycle.
 */
@Controller
@RequestMapping("/console/orders")
class OrderPages {

	private final Orders orders;

	private final Refunds refunds;

	private final Channels channels;

	private final Locations locations;

	OrderPages(Orders orders, Refunds refunds, Channels channels, Locations locations) {
		this.orders = orders;
		this.refunds = refunds;
		this.channels = channels;
		this.locations = locations;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('orders:read')")
	String list(@RequestParam(required = false) @Nullable String customer,
			@RequestParam(required = false) @Nullable OrderStatus status,
			@RequestParam(required = false) @Nullable String cursor, Model model) {
		Page<Order> page = customer != null && !customer.isBlank() ? orders.history(customer.strip(), cursor, 50)
				: orders.recent(cursor, 50, status);
		model.addAttribute("page", page);
		Map<String, String> channelNames = new HashMap<>();
		page.data()
			.forEach(order -> channelNames.computeIfAbsent(order.channelId().value(),
					id -> channels.find(order.channelId()).map(Channel::name).orElse(id)));
		model.addAttribute("channelNames", channelNames);
		model.addAttribute("customer", customer);
		model.addAttribute("status", status);
		model.addAttribute("statuses", OrderStatus.values());
		return "order/orders";
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('orders:read')")
	String order(@PathVariable String id, Model model) {
		Order order = orders.get(id, null);
		model.addAttribute("order", order);
		model.addAttribute("channelName", channels.find(order.channelId()).map(Channel::name).orElse(null));
		model.addAttribute("locationName", order.locationId() == null ? null
				: locations.find(new LocationId(order.locationId())).map(Location::name).orElse(null));
		model.addAttribute("steps", steps(order));
		model.addAttribute("refunds", refunds.of(order.id()));
		model.addAttribute("payments", refunds.payments(order));
		return "order/order";
	}

	@PostMapping("/{id}/{step}")
	@PreAuthorize("hasAuthority('orders:write')")
	String step(@PathVariable String id, @PathVariable String step, Authentication user) {
		boolean manages = user.getAuthorities()
			.stream()
			.anyMatch(a -> Permission.ORDERS_MANAGE.authority().equals(a.getAuthority()));
		if (!manages && !step.equals("pay") && !step.equals("cancel")) {
			throw new ProblemException(ProblemType.FORBIDDEN, "Moving an order to '" + step + "' needs orders:manage");
		}
		switch (step) {
			case "pay" -> orders.pay(id, "pay-in-store", Map.of(), null);
			case "cancel" -> orders.cancel(id, "cancelled by staff", null);
			case "allocate" -> orders.allocate(id);
			case "fulfil" -> orders.fulfil(id);
			case "complete" -> orders.complete(id);
			default -> throw new io.omnis.kernel.problem.NotFoundException("No step '" + step + "'");
		}
		return "redirect:/console/orders/" + id;
	}

	/** The buttons the order's state allows. */
	private static List<String> steps(Order order) {
		return order.status().next().stream().map(next -> switch (next) {
			case PAID -> "pay";
			case ALLOCATED -> "allocate";
			case FULFILLED -> "fulfil";
			case COMPLETED -> "complete";
			case CANCELLED -> "cancel";
			case PLACED -> "place";
		}).toList();
	}

	@Bean
	static NavigationItem orderNavigation() {
		return new NavigationItem("Orders", "/console/orders", 22, Permission.ORDERS_READ.authority(),
				List.of("/console/returns"));
	}

	@Bean
	static NavigationItem tillNavigation() {
		return new NavigationItem("Till", "/console/till", 23, Permission.CARTS_WRITE.authority());
	}

}
