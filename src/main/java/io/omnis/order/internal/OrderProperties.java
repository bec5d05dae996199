package io.omnis.order.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code omnis.order.*}: how long carts live, how long an order may stay unpaid, how long
 * a hand-over code is valid.
 *
 * @param cartLifetime a cart untouched this long expires
 * @param paymentWindow an order to pay in store is cancelled, its stock let go, when not
 * paid this soon
 * @param handoverLifetime how long a hand-over code can be used
 */
@ConfigurationProperties("omnis.order")
public record OrderProperties(@Nullable Duration cartLifetime, @Nullable Duration paymentWindow,
		@Nullable Duration handoverLifetime) {

	public Duration cartTtl() {
		return cartLifetime == null ? Duration.ofDays(30) : cartLifetime;
	}

	public Duration paymentTtl() {
		return paymentWindow == null ? Duration.ofHours(48) : paymentWindow;
	}

	public Duration handoverTtl() {
		return handoverLifetime == null ? Duration.ofMinutes(15) : handoverLifetime;
	}

}
