package io.omnis.inventory;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.channel.IssuedKey;
import io.omnis.channel.KeyKind;
import io.omnis.kernel.security.Permission;

/**
 * One Omnis on its own embedded PostgreSQL, shared by every inventory HTTP test (the
 * context is cached); each test makes its own channels, locations and SKUs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "omnis.database.embedded.data-dir=target/test-pg/inventory-${random.uuid}",
				"omnis.admin.password=inventory-tests-admin", "omnis.inventory.expiry-interval=PT0.2S",
				"omnis.inventory.low-stock-threshold=3" })
@AutoConfigureMockMvc
@Import(RecordedEvents.class)
abstract class InventoryTestSupport {

	static final EnumSet<Permission> ALL = EnumSet.of(Permission.INVENTORY_READ, Permission.INVENTORY_WRITE,
			Permission.INVENTORY_MANAGE, Permission.RESERVATIONS_WRITE, Permission.CHANNELS_READ);

	@LocalServerPort
	int port;

	@Autowired
	Channels channels;

	@Autowired
	RecordedEvents events;

	/** A new channel of the type, with a secret key of the given scopes. */
	Caller channel(ChannelType type, EnumSet<Permission> scopes) {
		Channels.Created created = channels.create(type, type + " " + UUID.randomUUID(), null, scopes);
		String secret = created.keys()
			.stream()
			.filter(key -> key.key().kind() == KeyKind.SECRET)
			.map(IssuedKey::secret)
			.findFirst()
			.orElseThrow();
		return new Caller(created.channel().id(), Api.of(port, secret));
	}

	Caller channel(ChannelType type) {
		return channel(type, ALL);
	}

	/** A new location; coordinates decide what is near. */
	String location(Api api, String type, double latitude, double longitude, String... capabilities) {
		Api.Response created = api.post("/api/v1/locations",
				Map.of("name", "Location " + UUID.randomUUID(), "type", type, "address",
						Map.of("line1", "Rua Garrett 12", "city", "Lisboa", "country", "PT"), "coordinates",
						Map.of("latitude", latitude, "longitude", longitude), "timeZone", "Europe/Lisbon",
						"capabilities", List.of(capabilities)));
		if (created.status() != 201) {
			throw new IllegalStateException("Could not create a location: " + created);
		}
		return created.text("id");
	}

	String location(Api api) {
		return location(api, "WAREHOUSE", 38.7, -9.1, "SHIPS");
	}

	static String sku() {
		return "SKU-" + UUID.randomUUID().toString().substring(0, 13);
	}

	static Map<String, Object> movement(String type, String sku, String location, int quantity) {
		return Map.of("type", type, "sku", sku, "locationId", location, "quantity", quantity);
	}

	/** Receives units and fails the test when Omnis refuses. */
	static void receive(Api api, String sku, String location, int quantity) {
		Api.Response response = api.post("/api/v1/inventory/movements", movement("RECEIPT", sku, location, quantity));
		if (response.status() != 201) {
			throw new IllegalStateException("Receipt refused: " + response);
		}
	}

	static Map<String, Object> line(String sku, String location, int quantity) {
		return Map.of("sku", sku, "locationId", location, "quantity", quantity);
	}

	static Map<String, Object> reservation(String reference, List<Map<String, Object>> lines) {
		return Map.of("reference", reference, "kind", "CART", "lines", lines);
	}

	static Api.Response stock(Api api, String sku, String location) {
		return api.get("/api/v1/inventory/stock?sku=" + sku + "&location=" + location);
	}

	/** A channel and a client holding its secret key. */
	record Caller(ChannelId id, Api api) {
	}

}
