package io.omnis.returns.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

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

import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.kernel.web.Page;
import io.omnis.order.Order;
import io.omnis.order.Orders;
import io.omnis.returns.Return;
import io.omnis.returns.Returns;
import io.omnis.returns.StoreCredit;
import io.omnis.returns.StoreCreditEntry;
import io.omnis.returns.web.ReturnJson.EntryView;
import io.omnis.returns.web.ReturnJson.MoneyView;
import io.omnis.returns.web.ReturnJson.OrderReturnsView;
import io.omnis.returns.web.ReturnJson.ReturnView;
import io.omnis.returns.web.ReturnJson.ReturnableView;
import io.omnis.returns.web.ReturnJson.StoreCreditView;

/**
 * {@code /api/v1/orders/{id}/returns}, {@code /api/v1/returns/…} and a customer's store
 * credit: returns started in any channel, received at a location, resolved.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Returns", description = "Returns, exchanges, refunds of returned goods and store credit")
class ReturnController {

	private final Returns returns;

	private final StoreCredit credit;

	private final Orders orders;

	private final Channels channels;

	ReturnController(Returns returns, StoreCredit credit, Orders orders, Channels channels) {
		this.returns = returns;
		this.credit = credit;
		this.orders = orders;
		this.channels = channels;
	}

	@PostMapping(path = "/orders/{id}/returns", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('orders:write')")
	@Operation(summary = "Start a return of units of an order, in any channel",
			description = "Requires `orders:write`. `lines`: `{line | sku, quantity, reason, note?}`; `resolution`: "
					+ "REFUND, STORE_CREDIT or EXCHANGE (with `exchange: {sku, method, pickupLocationId | latitude, "
					+ "longitude}`, routed and reserved at once). More than bought: 422 `exceeds-purchase`; more "
					+ "than is left to return: 409. Takes an `Idempotency-Key`.")
	ResponseEntity<ReturnView> start(@PathVariable String id, @RequestBody Returns.Request body,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String customer,
			Authentication caller) {
		ChannelId in = channels.acting(caller, channel, () -> orders.get(id, customer).channelId());
		Return started = returns.start(id, in, body, customer);
		return ResponseEntity.created(URI.create("/api/v1/returns/" + started.id())).body(ReturnView.of(started));
	}

	@GetMapping("/orders/{id}/returns")
	@PreAuthorize("hasAuthority('orders:read')")
	@Operation(summary = "The returns of an order and what is still returnable of each line",
			description = "Requires `orders:read`.")
	OrderReturnsView ofOrder(@PathVariable String id, @RequestParam(required = false) String customer) {
		Order order = orders.get(id, customer);
		List<Integer> left = returns.returnable(order);
		List<ReturnableView> returnable = new ArrayList<>();
		for (int i = 0; i < order.lines().size(); i++) {
			returnable
				.add(new ReturnableView(i, order.lines().get(i).sku(), order.lines().get(i).quantity(), left.get(i)));
		}
		return new OrderReturnsView(order.id().value(), returnable,
				returns.ofOrder(id, customer).stream().map(ReturnView::of).toList());
	}

	@GetMapping("/returns/{id}")
	@PreAuthorize("hasAuthority('orders:read')")
	@Operation(summary = "One return", description = "Requires `orders:read`.")
	ReturnView get(@PathVariable String id) {
		return ReturnView.of(returns.get(id));
	}

	@PostMapping(path = "/returns/{id}/receive", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('orders:write')")
	@Operation(summary = "Receive a return's goods at a location, dispose of them and resolve it",
			description = "Requires `orders:write`. `{locationId, disposition?: RESTOCK|DAMAGED|TO_WAREHOUSE, "
					+ "warehouseId?, lines?: [{disposition, warehouseId?}]}`. RESTOCK records a RETURN movement "
					+ "there; TO_WAREHOUSE a RETURN and a TRANSFER_OUT there and a TRANSFER_IN at the warehouse; "
					+ "DAMAGED moves no stock. Then refunds, credits or (exchange) just closes it.")
	ReturnView receive(@PathVariable String id, @RequestBody Returns.Receipt body) {
		return ReturnView.of(returns.receive(id, body));
	}

	@PostMapping("/returns/{id}/cancel")
	@PreAuthorize("hasAuthority('orders:write')")
	@Operation(summary = "Call off a return not received yet",
			description = "Requires `orders:write`. Its units become returnable again; an exchange's item is let go.")
	ReturnView cancel(@PathVariable String id) {
		return ReturnView.of(returns.cancel(id));
	}

	@GetMapping("/customers/{profileId}/returns")
	@PreAuthorize("hasAuthority('orders:read')")
	@Operation(summary = "A customer's returns, newest first", description = "Requires `orders:read`.")
	Page<ReturnView> ofCustomer(@PathVariable String profileId, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		return returns.ofCustomer(profileId, cursor, limit).map(ReturnView::of);
	}

	@GetMapping("/locations/{id}/returns")
	@PreAuthorize("hasAuthority('orders:read')")
	@Operation(summary = "Returns waiting to be received at a location",
			description = "Requires `orders:read`. Those started at its store and those started online.")
	Page<ReturnView> expected(@PathVariable String id, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		return returns.expectedAt(id, cursor, limit).map(ReturnView::of);
	}

	@GetMapping("/customers/{profileId}/store-credit")
	@PreAuthorize("hasAuthority('orders:read')")
	@Operation(summary = "A customer's store credit: balances and ledger, newest first",
			description = "Requires `orders:read`. Spent at checkout with the payment method `store-credit`.")
	StoreCreditView storeCredit(@PathVariable String profileId, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		Page<StoreCreditEntry> entries = credit.entries(profileId, cursor, limit);
		return new StoreCreditView(profileId, credit.balances(profileId).stream().map(MoneyView::of).toList(),
				entries.data().stream().map(EntryView::of).toList(), entries.nextCursor());
	}

}
