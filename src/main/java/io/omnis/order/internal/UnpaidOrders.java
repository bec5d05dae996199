package io.omnis.order.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.omnis.order.Orders;

/**
 * Cancels orders left unpaid past their payment window, so that pay-on-pickup orders
 * never hold stock for ever. Safe on every node at once: each batch skips the orders
 * another node has locked.
 */
@Component
class UnpaidOrders {

	private static final Logger log = LoggerFactory.getLogger(UnpaidOrders.class);

	private final Orders orders;

	UnpaidOrders(Orders orders) {
		this.orders = orders;
	}

	@Scheduled(fixedDelayString = "${omnis.order.release-interval:PT30S}")
	void release() {
		int total = 0;
		int released;
		do {
			released = orders.releaseUnpaid();
			total += released;
		}
		while (released == 100);
		if (total > 0) {
			log.info("Cancelled {} unpaid orders and released their stock", total);
		}
	}

}
