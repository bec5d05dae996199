package io.omnis.returns;

import java.net.http.HttpRequest.BodyPublishers;
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
 * The running Omnis as the returns tests use it: a back office that sets up products,
 * prices and stock, channels acting as web shops and store tills, and orders taken to the
 * point where their goods were handed over.
 */
abstract class ReturnFixtures extends CommerceSetup {

	static final Set<Permission> CHANNEL_SCOPES = EnumSet.of(Permission.CARTS_WRITE, Permission.ORDERS_READ,
			Permission.ORDERS_WRITE, Permission.CHANNELS_READ);

	protected Shop web() {
		Channels.Created created = channels.create(ChannelType.WEB, unique("Web"), null, CHANNEL_SCOPES);
		return new Shop(created.channel().id().value(), bearer(secretOf(created)), null);
	}

	/** A STORE channel with its store. */
	protected Shop store() {
		Channels.Created created = channels.create(ChannelType.STORE, unique("Store"), null, CHANNEL_SCOPES);
		String id = created.channel().id().value();
		return new Shop(id, bearer(secretOf(created)), location("STORE", id));
	}

	/** A customer known by the e-mail, through an identify event; her profile id. */
	protected String profile(String email) {
		identify("\"userId\": \"u-" + UUID.randomUUID() + "\"", email);
		return profileOf(email);
	}

	/** Sends an identify event with the identifiers (JSON members) and the e-mail. */
	protected void identify(String identifiers, String email) {
		Channels.Created app = channels.create(ChannelType.WEB, unique("Tracking"), null,
				EnumSet.of(Permission.EVENTS_WRITE));
		String basic = "Basic " + java.util.Base64.getEncoder()
			.encodeToString((writeKeyOf(app) + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		String identify = "{%s, \"messageId\": \"m-%s\", \"traits\": {\"email\": \"%s\"}}".formatted(identifiers,
				UUID.randomUUID(), email);
		anonymous()
			.send("POST", "/v1/identify", BodyPublishers.ofString(identify), "Authorization", basic, "Content-Type",
					"application/json")
			.expect(200);
	}

	/** The profile holding the e-mail, once identity resolution has it. */
	protected String profileOf(String email) {
		return io.omnis.Poll
			.until(java.time.Duration.ofSeconds(30),
					() -> backoffice().get("/api/v1/profiles/lookup?identifier=email:" + email),
					answer -> answer.status() == 200)
			.expect(200)
			.path("id")
			.asString();
	}

	/** Units on hand, none where the SKU never was. */
	protected int onHand(String sku, String location) {
		Answer answer = backoffice().get("/api/v1/inventory/stock?sku=" + sku + "&location=" + location);
		return answer.status() == 404 ? 0 : answer.expect(200).path("onHand").asInt();
	}

	protected JsonNode lastMovement(String sku, String location) {
		JsonNode ledger = backoffice().get("/api/v1/inventory/ledger?sku=" + sku + "&location=" + location)
			.expect(200)
			.path("data");
		return ledger.get(ledger.size() - 1);
	}

	/**
	 * A cart of the shop for the customer (JSON members), with the lines (sku, units…).
	 */
	protected static String cart(Shop shop, String customerJson, Object... skuAndUnits) {
		String cart = shop.api()
			.post("/api/v1/carts", "{\"currency\": \"EUR\", \"country\": \"PT\"" + customerJson + "}")
			.expect(201)
			.path("id")
			.asString();
		for (int i = 0; i < skuAndUnits.length; i += 2) {
			shop.api()
				.post("/api/v1/carts/" + cart + "/lines",
						"{\"sku\": \"%s\", \"quantity\": %d}".formatted(skuAndUnits[i], skuAndUnits[i + 1]))
				.expect(200);
		}
		return cart;
	}

	protected static Answer checkout(Shop shop, String cart, String paymentJson) {
		return shop.api()
			.post("/api/v1/carts/" + cart + "/checkout", "{\"payment\": " + paymentJson + "}", "Idempotency-Key",
					UUID.randomUUID().toString());
	}

	/**
	 * A web order paid by test card, allocated and fulfilled (its goods left), of the
	 * lines (sku, units…).
	 */
	protected JsonNode handedOverWebOrder(Shop web, Object... skuAndUnits) {
		String cart = cart(web, ", \"anonymousId\": \"anon-" + UUID.randomUUID() + "\"", skuAndUnits);
		String order = checkout(web, cart, "{\"method\": \"test-card\", \"cardNumber\": \"4242424242424242\"}")
			.expect(201)
			.path("id")
			.asString();
		backoffice().post("/api/v1/orders/" + order + "/allocate", "").expect(200);
		return backoffice().post("/api/v1/orders/" + order + "/fulfil", "").expect(200);
	}

	/** The text of a member of every element. */
	protected static java.util.List<String> values(JsonNode array, String member) {
		java.util.List<String> values = new java.util.ArrayList<>();
		array.forEach(element -> values.add(element.path(member).asString()));
		return values;
	}

	protected static String line(String sku, int quantity, String reason) {
		return "{\"sku\": \"%s\", \"quantity\": %d, \"reason\": \"%s\"}".formatted(sku, quantity, reason);
	}

	protected static Answer startReturn(Caller caller, String order, String resolution, String... lines) {
		return caller.post("/api/v1/orders/" + order + "/returns",
				"{\"resolution\": \"%s\", \"lines\": [%s]}".formatted(resolution, String.join(", ", lines)));
	}

	private static final java.util.Random BARCODES = new java.util.Random(20261124);

	/** A product with a unique GTIN-13 barcode and its price. */
	protected Item productWithBarcode(String priceList, long cents) {
		String barcode = gtin13();
		return new Item(product(priceList, cents, barcode), barcode);
	}

	static synchronized String gtin13() {
		StringBuilder digits = new StringBuilder("2");
		for (int i = 0; i < 11; i++) {
			digits.append(BARCODES.nextInt(10));
		}
		int sum = 0;
		for (int i = 0; i < 12; i++) {
			sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
		}
		return digits.append((10 - sum % 10) % 10).toString();
	}

	/** A SKU and its barcode. */
	protected record Item(String sku, String barcode) {
	}

	/** A channel as its server calls Omnis; a store's location, or null. */
	protected record Shop(String id, Caller api, String location) {
	}

}
