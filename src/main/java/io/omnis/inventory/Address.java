package io.omnis.inventory;

import org.jspecify.annotations.Nullable;

/**
 * A postal address; {@code country} is an ISO 3166 alpha-2 code.
 */
public record Address(String line1, @Nullable String line2, String city, @Nullable String postalCode,
		@Nullable String region, String country) {
}
