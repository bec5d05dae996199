package io.omnis.order;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

/**
 * The running Omnis as the order tests use it: a back office that sets up products,
 * prices and stock over HTTP, and channels whose keys act as web shops, apps and tills.
 */
abstract class OrderFixtures extends RunningOmnis {

	static final Set<Permission> CHANNEL_SCOPES = EnumSet.of(Permission.CARTS_WRITE, Permission.ORDERS_READ,
			Permission.ORDERS_WRITE, Permission.CHANNELS_READ, Permission.EVENTS_WRITE);

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

	/** A channel of the type, with the scopes a shop's server or a till has. */
	protected Shop channel(ChannelType type) {
		Channels.Created created = channels.create(type, unique(type.name()), null, CHANNEL_SCOPES);
		return new Shop(created.channel().id().value(), bearer(secretOf(created)), writeKeyOf(created));
	}

	/** A STORE channel with its store, at which the till sells. */
	protected Shop store() {
		Shop till = channel(ChannelType.STORE);
		String location = location("STORE", till.id());
		return new Shop(till.id(), till.api(), till.writeKey(), location);
	}

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

	/** An ACTIVE product with one variant, priced in the list. */
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

	protected static String anonymousId() {
		return "anon-" + UUID.randomUUID();
	}

	protected static JsonNode newCart(Shop shop, String customerJson) {
		return shop.api()
			.post("/api/v1/carts", "{\"currency\": \"EUR\", \"country\": \"PT\", " + customerJson + "}")
			.expect(201);
	}

	protected static JsonNode anonymousCart(Shop shop, String anonymousId) {
		return newCart(shop, "\"anonymousId\": \"" + anonymousId + "\"");
	}

	protected static Answer add(Shop shop, String cart, String sku, int quantity) {
		return shop.api()
			.post("/api/v1/carts/" + cart + "/lines", "{\"sku\": \"%s\", \"quantity\": %d}".formatted(sku, quantity));
	}

	protected static Answer checkout(Shop shop, String cart, String key, String paymentJson) {
		return shop.api()
			.post("/api/v1/carts/" + cart + "/checkout", "{\"payment\": " + paymentJson + "}", "Idempotency-Key", key);
	}

	protected static Answer payByCard(Shop shop, String cart) {
		return checkout(shop, cart, UUID.randomUUID().toString(),
				"{\"method\": \"test-card\", \"cardNumber\": \"4242 4242 4242 4242\"}");
	}

	protected static String basic(String writeKey) {
		return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A channel as its server calls Omnis: its id, a client with its secret key, its
	 * public write key, and for a store the location of its tills.
	 */
	protected record Shop(String id, Caller api, String writeKey, String location) {

		Shop(String id, Caller api, String writeKey) {
			this(id, api, writeKey, null);
		}

	}

}
