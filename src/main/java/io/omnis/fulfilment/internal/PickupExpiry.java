package io.omnis.fulfilment.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.omnis.fulfilment.Pickups;

/**
 * Returns to stock what customers did not collect within the hold period. Safe on every
 * node at once: each batch skips the pickups another node has locked.
 */
@Component
class PickupExpiry {

	private static final Logger log = LoggerFactory.getLogger(PickupExpiry.class);

	private final Pickups pickups;

	PickupExpiry(Pickups pickups) {
		this.pickups = pickups;
	}

	@Scheduled(fixedDelayString = "${omnis.fulfilment.pickup.expiry-interval:PT1M}")
	void expire() {
		int total = 0;
		int expired;
		do {
			expired = pickups.expireDue();
			total += expired;
		}
		while (expired == 50);
		if (total > 0) {
			log.info("Closed {} pickups past their hold period and returned what was not collected", total);
		}
	}

}
