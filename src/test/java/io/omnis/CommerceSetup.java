package io.omnis;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.Locale;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import io.omnis.kernel.security.Permission;

/**
 * The running Omnis set up for commerce over HTTP, as the order and returns tests share
 * it: a back office that creates locations, price lists, products with prices and stock
 * (PT VAT 23 % on the {@code standard} category).
 */
public abstract class CommerceSetup extends RunningOmnis {

	private Caller backoffice;

	/** A caller that may do everything the setup needs. */
	protected Caller backoffice() {
		if (backoffice == null) {
			backoffice = withScopes(Permission.CATALOG_READ, Permission.CATALOG_WRITE, Permission.INVENTORY_READ,
					Permission.INVENTORY_WRITE, Permission.INVENTORY_MANAGE, Permission.RESERVATIONS_WRITE,
					Permission.CHANNELS_READ, Permission.ORDERS_READ, Permission.ORDERS_WRITE, Permission.ORDERS_MANAGE,
					Permission.CARTS_WRITE, Permission.PROFILES_READ);
			backoffice
				.send("PUT", "/api/v1/catalog/tax-rates",
						BodyPublishers.ofString("{\"country\": \"PT\", \"category\": \"standard\", \"rate\": 0.23}"),
						"Content-Type", "application/json")
				.expect(200);
		}
		return backoffice;
	}

	/** A location in Lisbon of the type, for the channel (its tills) when given. */
	protected String location(String type, String channelId) {
		return backoffice()
			.post("/api/v1/locations",
					"""
							{"name": "%s", "type": "%s", "address": {"line1": "Rua Augusta 1", "city": "Lisboa", "country": "PT"},
							 "coordinates": {"latitude": 38.71, "longitude": -9.14}, "timeZone": "Europe/Lisbon",
							 "capabilities": ["PICKUP", "SHIPS"]%s}"""
						.formatted(unique("Location"), type,
								channelId == null ? "" : ", \"channelId\": \"" + channelId + "\""))
			.expect(201)
			.path("id")
			.asString();
	}

	protected String warehouse() {
		return location("WAREHOUSE", null);
	}

	/** A price list in EUR for every channel, tax included. */
	protected String priceList() {
		return backoffice()
			.post("/api/v1/catalog/price-lists",
					"""
							{"name": "%s", "currency": "EUR", "channels": [], "taxInclusive": true, "priority": 0}"""
						.formatted(unique("Prices")))
			.expect(201)
			.path("id")
			.asString();
	}

	/**
	 * An ACTIVE product with one variant, priced in the list, with the barcode if any.
	 */
	protected String product(String priceList, long cents, String barcode) {
		String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 12).toUpperCase(Locale.ROOT);
		backoffice().post("/api/v1/catalog/products", """
				{"handle": "%s", "title": "Lamp %s", "status": "ACTIVE",
				 "variants": [{"sku": "%s", "taxCategory": "standard"%s}]}""".formatted(sku.toLowerCase(Locale.ROOT),
				sku, sku, barcode == null ? "" : ", \"barcode\": \"" + barcode + "\""))
			.expect(201);
		price(priceList, sku, cents);
		return sku;
	}

	protected String product(String priceList, long cents) {
		return product(priceList, cents, null);
	}

	protected void price(String priceList, String sku, long cents) {
		backoffice()
			.send("PUT", "/api/v1/catalog/price-lists/" + priceList + "/prices/" + sku,
					BodyPublishers.ofString("{\"amount\": %d, \"currency\": \"EUR\"}".formatted(cents)), "Content-Type",
					"application/json")
			.expect(200);
	}

	/** Units received into the location's stock. */
	protected void receive(String sku, String location, int quantity) {
		backoffice()
			.post("/api/v1/inventory/movements",
					"""
							{"type": "RECEIPT", "sku": "%s", "locationId": "%s", "quantity": %d}""".formatted(sku,
							location, quantity))
			.expect(201);
	}

	protected JsonNode stock(String sku, String location) {
		return backoffice().get("/api/v1/inventory/stock?sku=" + sku + "&location=" + location).expect(200);
	}

}
