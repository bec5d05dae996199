package io.omnis.returns.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How returns are worked ({@code omnis.returns.*}).
 *
 * @param restockDue how long a location has to restock a return once its goods arrived
 * (the RESTOCK_RETURN task's due time); 24 hours when left out
 */
@ConfigurationProperties("omnis.returns")
public record ReturnsProperties(@Nullable Duration restockDue) {

	public Duration restockWithin() {
		return restockDue == null || restockDue.isNegative() || restockDue.isZero() ? Duration.ofHours(24) : restockDue;
	}

}
