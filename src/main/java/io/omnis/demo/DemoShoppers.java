package io.omnis.demo;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The demo customers who signed up, as the organisation's loader generated them, for the
 * loaders after it (orders, till sales, conversations) to act as them.
 */
@Component
@ConditionalOnBooleanProperty("omnis.demo.enabled")
class DemoShoppers {

	private final List<Shopper> shoppers = new CopyOnWriteArrayList<>();

	void add(Shopper shopper) {
		shoppers.add(shopper);
	}

	/** Those generated on this start; empty when the organisation was loaded before. */
	List<Shopper> all() {
		return List.copyOf(shoppers);
	}

	record Shopper(String name, String email, @Nullable String phone, @Nullable String loyaltyCard) {
	}

}
