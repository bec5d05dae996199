package io.omnis.order.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.order.Order;
import io.omnis.order.OrderRefund;
import io.omnis.order.Orders;
import io.omnis.order.Refunds;
import io.omnis.order.web.OrderJson.MoneyView;

/**
 * {@code /api/v1/orders/{id}/refunds}: the money given back on an order.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Orders")
class RefundController {

	private final Orders orders;

	private final Refunds refunds;

	RefundController(Orders orders, Refunds refunds) {
		this.orders = orders;
		this.refunds = refunds;
	}

	@GetMapping("/orders/{id}/refunds")
	@PreAuthorize("hasAuthority('orders:read')")
	@Operation(summary = "The refunds of an order and what is left to refund",
			description = "Requires `orders:read`. Cancelling a paid order refunds it in full; returns refund "
					+ "what was returned. `captured` is all that was taken, an exchange's charged difference "
					+ "included; a split payment is refunded card first, store credit last, one refund per method.")
	RefundsView list(@PathVariable String id, @RequestParam(required = false) String customer) {
		Order order = orders.get(id, customer);
		MoneyView captured = MoneyView.of(refunds.taken(order));
		MoneyView refunded = MoneyView.of(refunds.refunded(order));
		return new RefundsView(order.id().value(), captured, refunded,
				refunds.of(order.id()).stream().map(RefundView::of).toList());
	}

	record RefundsView(String orderId, @Nullable MoneyView captured, @Nullable MoneyView refunded,
			List<RefundView> data) {
	}

	record RefundView(String id, @Nullable MoneyView amount, String paymentMethod, String reference, String reason,
			@Nullable String sourceReference, Instant createdAt) {

		static RefundView of(OrderRefund r) {
			return new RefundView(r.id(), MoneyView.of(r.amount()), r.paymentMethod(), r.reference(), r.reason(),
					r.sourceReference(), r.createdAt());
		}

	}

}
