package io.omnis.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.omnis.customer.Identifier;
import io.omnis.kernel.Money;
import io.omnis.kernel.problem.ProblemException;

/**
 * The checks of what a cart or a till sale is asked to hold: SKUs, quantities, currency,
 * country and the customer's identifiers, each refused with the field it came in.
 */
final class OrderInput {

	private OrderInput() {
	}

	static String sku(@Nullable String sku, String field) {
		if (sku == null || sku.isBlank()) {
			throw ProblemException.invalidField(field, "is required");
		}
		if (sku.length() > 64 || !sku.strip().equals(sku)) {
			throw ProblemException.invalidField(field, "must be 1 to 64 characters without surrounding spaces");
		}
		return sku;
	}

	static int quantity(@Nullable Integer quantity, String field) {
		if (quantity == null) {
			throw ProblemException.invalidField(field, "is required");
		}
		if (quantity < 1 || quantity > Carts.MAX_QUANTITY) {
			throw ProblemException.invalidField(field, "must be between 1 and " + Carts.MAX_QUANTITY);
		}
		return quantity;
	}

	static String currency(@Nullable String currency) {
		if (currency == null) {
			throw ProblemException.invalidField("currency", "is required");
		}
		try {
			return Money.zero(currency).currency().getCurrencyCode();
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalidField("currency", "must be an ISO 4217 currency code such as EUR");
		}
	}

	static String country(@Nullable String country) {
		if (country == null) {
			throw ProblemException.invalidField("country", "is required (the country where tax is due)");
		}
		String upper = country.toUpperCase(Locale.ROOT);
		if (!Set.of(Locale.getISOCountries()).contains(upper)) {
			throw ProblemException.invalidField("country", "must be an ISO 3166 alpha-2 country code");
		}
		return upper;
	}

	/** The identifiers given, normalised; each bad one named. */
	static List<Identifier> identifiers(Carts.CustomerIds given, boolean requireOne) {
		return identifiers(given, requireOne, "");
	}

	/**
	 * Like {@link #identifiers(Carts.CustomerIds, boolean)}, naming fields under a
	 * prefix.
	 */
	static List<Identifier> identifiers(Carts.CustomerIds given, boolean requireOne, String prefix) {
		List<Identifier> identifiers = new ArrayList<>();
		add(identifiers, "anonymous_id", given.anonymousId(), prefix + "anonymousId");
		add(identifiers, "user_id", given.userId(), prefix + "userId");
		add(identifiers, "email", given.email(), prefix + "email");
		add(identifiers, "phone", given.phone(), prefix + "phone");
		add(identifiers, "loyalty_card", given.loyaltyCard(), prefix + "loyaltyCard");
		if (requireOne && identifiers.isEmpty() && given.profileId() == null) {
			throw ProblemException.invalidField("anonymousId",
					"is required unless the customer is known (userId, email, phone, loyaltyCard or profileId)");
		}
		return identifiers;
	}

	private static void add(List<Identifier> identifiers, String type, @Nullable String value, String field) {
		if (value == null) {
			return;
		}
		identifiers.add(Identifier.normalised(type, value)
			.orElseThrow(() -> ProblemException.invalidField(field, "is not a valid " + type.replace('_', ' '))));
	}

}
