package io.omnis.fulfilment.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Click and collect ({@code omnis.fulfilment.pickup.*}): how long a ready pickup waits
 * for its customer, how often overdue ones are looked for, and the public address put in
 * front of the links customers get.
 */
@ConfigurationProperties("omnis.fulfilment.pickup")
public record PickupProperties(Duration holdPeriod, Duration expiryInterval, String baseUrl) {

	/** The reservation outlives the hold by a day, and may live at most seven. */
	static final Duration MAX_HOLD = Duration.ofDays(6);

	public PickupProperties(@Nullable Duration holdPeriod, @Nullable Duration expiryInterval,
			@Nullable String baseUrl) {
		this.holdPeriod = holdPeriod == null ? Duration.ofDays(5) : holdPeriod;
		this.expiryInterval = expiryInterval == null ? Duration.ofMinutes(1) : expiryInterval;
		this.baseUrl = baseUrl == null || baseUrl.isBlank() ? "http://127.0.0.1:8080" : baseUrl.replaceAll("/+$", "");
		if (this.holdPeriod.isNegative() || this.holdPeriod.isZero() || this.holdPeriod.compareTo(MAX_HOLD) > 0) {
			throw new IllegalArgumentException(
					"omnis.fulfilment.pickup.hold-period must be more than zero and at most " + MAX_HOLD);
		}
	}

}
