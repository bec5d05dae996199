package io.omnis.order.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import io.omnis.order.PickupNotices;

/**
 * The console's "Resend pickup code" (the customer 360's Orders panel): a new code goes
 * to the customer, the old one stops working.
 */
@Controller
class PickupOrderPages {

	private final PickupNotices notices;

	PickupOrderPages(PickupNotices notices) {
		this.notices = notices;
	}

	@PostMapping("/console/orders/{id}/pickup-code")
	@PreAuthorize("hasAuthority('orders:write')")
	String resend(@PathVariable String id) {
		notices.resend(id);
		return "redirect:/console/orders/" + id;
	}

}
