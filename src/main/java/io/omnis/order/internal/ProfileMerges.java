package io.omnis.order.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.customer.ProfileEvents.ProfilesMerged;

/**
 * Moves carts and orders of a merged profile to the survivor. History also resolves
 * identifiers at read time, so an order is found even before this has run.
 */
@Component
class ProfileMerges {

	private final CartStore carts;

	private final OrderStore orders;

	ProfileMerges(CartStore carts, OrderStore orders) {
		this.carts = carts;
		this.orders = orders;
	}

	@ApplicationModuleListener
	void on(ProfilesMerged merged) {
		carts.moveProfile(merged.merged(), merged.survivor());
		orders.moveProfile(merged.merged(), merged.survivor());
	}

}
