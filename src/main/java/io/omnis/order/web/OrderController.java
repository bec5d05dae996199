package io.omnis.order.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.channel.Channels;
import io.omnis.kernel.web.Page;
import io.omnis.order.Order;
import io.omnis.order.OrderId;
import io.omnis.order.OrderKind;
import io.omnis.order.OrderStatus;
import io.omnis.order.Orders;
import io.omnis.order.Refunds;
import io.omnis.order.TillSales;
import io.omnis.order.internal.DeliveryStore;
import io.omnis.order.web.OrderJson.CancelBody;
import io.omnis.order.web.OrderJson.OrderView;
import io.omnis.order.web.OrderJson.PaymentBody;
import io.omnis.order.web.OrderJson.SaleBody;

/**
 * {@code /api/v1/orders}, {@code /api/v1/customers/{profileId}/orders} and
 * {@code /api/v1/till-sales}: orders from every channel, their lifecycle, and sales rung
 * up at a till.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Orders", description = "Orders from every channel, their lifecycle, till sales and order history")
class OrderController {

	private final Orders orders;

	private final TillSales tillSales;

	private final Channels channels;

	private final DeliveryStore deliveries;

	private final Refunds refunds;

	OrderController(Orders orders, TillSales tillSales, Channels channels, DeliveryStore deliveries, Refunds refunds) {
		this.refunds = refunds;
		this.orders = orders;
		this.deliveries = deliveries;
		this.tillSales = tillSales;
		this.channels = channels;
	}

	@GetMapping("/orders/{id}")
	@PreAuthorize("hasAuthority('orders:read')")
	@Operation(summary = "One order",
			description = "Requires `orders:read`. With `customer`, another customer's order answers 404. "
					+ "`payments` lists what each method took: a split checkout's store credit and card, an "
					+ "exchange's charged difference.")
	OrderView get(@PathVariable String id, @RequestParam(required = false) String customer) {
		return view(orders.get(id, customer));
	}

	@GetMapping("/orders")
	@PreAuthorize("hasAuthority('orders:read')")
	@Operation(summary = "Orders, newest first",
			description = "Requires `orders:read`. With `customer` (a profile id or an identifier), her history "
					+ "across every channel; otherwise every order, optionally of one `status`.")
	Page<OrderView> list(@RequestParam(required = false) String customer,
			@RequestParam(required = false) OrderStatus status, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		Page<Order> page = customer != null ? orders.history(customer, cursor, limit)
				: orders.recent(cursor, limit, status);
		return views(page);
	}

	@GetMapping("/customers/{profileId}/orders")
	@PreAuthorize("hasAuthority('orders:read')")
	@Operation(summary = "A customer's order history across every channel",
			description = "Requires `orders:read`. Includes orders placed under an identifier or an anonymous id "
					+ "that later merged into the profile.")
	Page<OrderView> history(@PathVariable String profileId, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		return views(orders.history(profileId, cursor, limit));
	}

	@PostMapping("/orders/{id}/pay")
	@PreAuthorize("hasAuthority('orders:write')")
	@Operation(summary = "Pay a placed order",
			description = "Requires `orders:write`. `method`: `test-card` (with `cardNumber`) or `pay-in-store` "
					+ "(the till took the money).")
	OrderView pay(@PathVariable String id, @RequestBody PaymentBody body,
			@RequestParam(required = false) String customer) {
		return view(orders.pay(id, body.method(), body.whole().details(), customer));
	}

	@PostMapping("/orders/{id}/cancel")
	@PreAuthorize("hasAuthority('orders:write')")
	@Operation(summary = "Cancel an order before it is fulfilled; its stock is let go",
			description = "Requires `orders:write`.")
	OrderView cancel(@PathVariable String id, @RequestBody(required = false) CancelBody body,
			@RequestParam(required = false) String customer) {
		return view(orders.cancel(id, body == null ? null : body.reason(), customer));
	}

	@PostMapping("/orders/{id}/allocate")
	@PreAuthorize("hasAuthority('orders:manage')")
	@Operation(summary = "Confirm a paid order at the locations holding its units",
			description = "Requires `orders:manage`.")
	OrderView allocate(@PathVariable String id) {
		return view(orders.allocate(id));
	}

	@PostMapping("/orders/{id}/route")
	@PreAuthorize("hasAuthority('orders:manage')")
	@Operation(summary = "Route a paid order again whose routing failed when it was paid",
			description = "Requires `orders:manage`. 409 with the reason when it still cannot be routed; "
					+ "its checkout hold is kept then.")
	OrderView route(@PathVariable String id) {
		return view(orders.routeAgain(id));
	}

	@PostMapping("/orders/{id}/fulfil")
	@PreAuthorize("hasAuthority('orders:manage')")
	@Operation(summary = "The units left (shipped or picked up): the stock is sold where it was held",
			description = "Requires `orders:manage`.")
	OrderView fulfil(@PathVariable String id) {
		return view(orders.fulfil(id));
	}

	@PostMapping("/orders/{id}/complete")
	@PreAuthorize("hasAuthority('orders:manage')")
	@Operation(summary = "Close a fulfilled order", description = "Requires `orders:manage`.")
	OrderView complete(@PathVariable String id) {
		return view(orders.complete(id));
	}

	@PostMapping(path = "/till-sales", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('orders:write')")
	@Operation(summary = "Ring up a sale at a store's till",
			description = "Requires `orders:write` with a key of a STORE channel tied to a store (or a console user "
					+ "naming it). Lines by `sku` or `barcode`; the store's stock goes down; `customer` by "
					+ "`loyaltyCard`, `phone` or `email`, anonymous otherwise. Kept as a completed TILL_SALE order.")
	ResponseEntity<OrderView> tillSale(@RequestBody SaleBody body, @RequestParam(required = false) String channel,
			Authentication caller) {
		Order order = tillSales.record(Callers.channel(caller, channel, channels), new TillSales.Sale(body.lines(),
				body.currency(), body.customer(), body.payment() == null ? null : body.payment().whole()));
		return ResponseEntity.created(URI.create("/api/v1/orders/" + order.id())).body(OrderView.of(order));
	}

	private OrderView view(Order order) {
		if (order.kind() != OrderKind.ONLINE) {
			return OrderView.of(order).with(refunds.payments(order));
		}
		return OrderView.of(order, deliveries.summary(order.id())).with(refunds.payments(order));
	}

	private Page<OrderView> views(Page<Order> page) {
		Map<OrderId, DeliveryStore.Summary> found = deliveries
			.summaries(page.data().stream().filter(o -> o.kind() == OrderKind.ONLINE).map(Order::id).toList());
		List<OrderView> views = page.data().stream().map(o -> OrderView.of(o, found.get(o.id()))).toList();
		return new Page<>(views, page.nextCursor());
	}

}
