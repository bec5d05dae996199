package io.omnis.order;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.CommerceSetup;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

/**
 * The running Omnis as the order tests use it: a back office that sets up products,
 * prices and stock over HTTP, and channels whose keys act as web shops, apps and tills.
 */
abstract class OrderFixtures extends CommerceSetup {

	static final Set<Permission> CHANNEL_SCOPES = EnumSet.of(Permission.CARTS_WRITE, Permission.ORDERS_READ,
			Permission.ORDERS_WRITE, Permission.CHANNELS_READ, Permission.EVENTS_WRITE);

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

	/** An app channel that holds stock when a line is added, for this many minutes. */
	protected Shop reservingOnAdd(int holdMinutes) {
		Shop app = channel(ChannelType.MOBILE_APP);
		backoffice()
			.send("PUT", "/api/v1/carts/reservation-policies/" + app.id(),
					java.net.http.HttpRequest.BodyPublishers
						.ofString("{\"mode\": \"ON_ADD\", \"holdMinutes\": " + holdMinutes + "}"),
					"Content-Type", "application/json")
			.expect(200);
		return app;
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
