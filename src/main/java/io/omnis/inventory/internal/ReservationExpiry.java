package io.omnis.inventory.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.omnis.inventory.Reservations;

/**
 * Frees the stock of reservations nobody consumed or released in time, so that an
 * abandoned cart or an unpaid order never holds stock for ever. Safe on every node at
 * once: each batch skips the reservations another node has locked.
 */
@Component
class ReservationExpiry {

	private static final Logger log = LoggerFactory.getLogger(ReservationExpiry.class);

	private static final int BATCH = 100;

	private final Reservations reservations;

	ReservationExpiry(Reservations reservations) {
		this.reservations = reservations;
	}

	@Scheduled(fixedDelayString = "${omnis.inventory.expiry-interval:PT10S}")
	void expire() {
		int total = 0;
		int expired;
		do {
			expired = reservations.expireDue(BATCH);
			total += expired;
		}
		while (expired == BATCH);
		if (total > 0) {
			log.info("Expired {} reservations", total);
		}
	}

}
