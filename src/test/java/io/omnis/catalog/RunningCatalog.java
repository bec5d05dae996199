package io.omnis.catalog;

import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.catalog.internal.Gtin;
import io.omnis.kernel.security.Permission;

/**
 * The running Omnis as the catalog tests use it: a caller that may read and write the
 * catalog, and names, SKUs and GTINs no other test uses.
 */
abstract class RunningCatalog extends RunningOmnis {

	private static final AtomicLong CODES = new AtomicLong(System.nanoTime() % 1_000_000_000L);

	protected Caller merchandiser() {
		return withScopes(Permission.CATALOG_READ, Permission.CATALOG_WRITE, Permission.CHANNELS_READ);
	}

	/** A product handle no other test uses. */
	protected static String handle(String base) {
		return unique(base).toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
	}

	/** A SKU no other test uses. */
	protected static String sku(String base) {
		return unique(base).toUpperCase(java.util.Locale.ROOT).replace(' ', '-');
	}

	/** A valid GTIN-13 no other test uses. */
	protected static String gtin13() {
		String digits = "56" + String.format("%010d", CODES.incrementAndGet() % 10_000_000_000L);
		return digits + Gtin.checkDigit(digits);
	}

	/** Creates an ACTIVE product with one variant of the given SKU and tax category. */
	protected JsonNode activeProduct(Caller caller, String title, String sku, String taxCategory) {
		return caller
			.post("/api/v1/catalog/products",
					"""
							{"handle": "%s", "title": "%s", "status": "ACTIVE",
							 "variants": [{"sku": "%s", "taxCategory": "%s"}]}""".formatted(handle(title), title, sku,
							taxCategory))
			.expect(201);
	}

	/** Portugal's 23 % on the standard and clothing categories. */
	protected static void portugueseRates(Caller caller) {
		for (String category : new String[] { "standard", "clothing" }) {
			caller
				.send("PUT", "/api/v1/catalog/tax-rates",
						java.net.http.HttpRequest.BodyPublishers.ofString(
								"{\"country\": \"PT\", \"category\": \"%s\", \"rate\": 0.23}".formatted(category)),
						"Content-Type", "application/json")
				.expect(200);
		}
	}

	protected String channel(String name) {
		return channels
			.create(io.omnis.channel.ChannelType.WEB, unique(name), null, java.util.Set.of(Permission.CHANNELS_READ))
			.channel()
			.id()
			.value();
	}

}
