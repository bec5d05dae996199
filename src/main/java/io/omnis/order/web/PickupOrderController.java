package io.omnis.order.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.order.PickupNotices;

/**
 * Resending a click-and-collect order's pickup code, through the API and from the console
 * (the customer 360's Orders panel). The code itself is never shown to staff: only the
 * customer's message carries it.
 */
@RestController
@Tag(name = "Orders")
class PickupOrderController {

	private final PickupNotices notices;

	PickupOrderController(PickupNotices notices) {
		this.notices = notices;
	}

	@PostMapping(path = "/api/v1/orders/{id}/pickup-code", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('orders:write')")
	@Operation(summary = "Send the customer a new pickup code for her ready order (the old one stops working)",
			description = "Requires `orders:write`. 409 when the order is not a click-and-collect order waiting at "
					+ "its store. The answer names the notice that carries the code, not the code.")
	ResentView resend(@PathVariable String id) {
		PickupNotices.Resent resent = notices.resend(id);
		return new ResentView(resent.orderId().value(), resent.fulfilmentId().value(), resent.noticeId(),
				resent.noticeStatus());
	}

	record ResentView(String orderId, String fulfilmentId, String noticeId, String noticeStatus) {
	}

}
