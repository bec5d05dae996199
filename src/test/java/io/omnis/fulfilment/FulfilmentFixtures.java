package io.omnis.fulfilment;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.BeforeEach;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

/**
 * A network of locations built through the inventory API for each test, around a customer
 * in Lisbon; distances are north of her, so a site's kilometres decide its shipping zone
 * (default rules: up to 50 km 400, 300 km 700, 1,000 km 1,200, beyond 2,000; 500 per
 * extra parcel; warehouses first).
 */
abstract class FulfilmentFixtures extends RunningOmnis {

	static final double LAT = 38.72;

	static final double LON = -9.14;

	static final JsonMapper JSON = JsonMapper.builder().build();

	Caller api;

	String channelId;

	@BeforeEach
	void channel() {
		Channels.Created created = channels.create(ChannelType.WEB, unique("Shop"), null,
				java.util.EnumSet.of(Permission.INVENTORY_READ, Permission.INVENTORY_WRITE, Permission.INVENTORY_MANAGE,
						Permission.RESERVATIONS_WRITE, Permission.CHANNELS_READ));
		api = bearer(secretOf(created));
		channelId = created.channel().id().value();
	}

	static String sku() {
		return "FUL-" + UUID.randomUUID().toString().substring(0, 12);
	}

	/** A location {@code km} north of the customer. */
	String site(String type, double km, List<String> capabilities, boolean closedToday) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", unique("Site " + type));
		body.put("type", type);
		body.put("address", Map.of("line1", "Rua 1", "city", "Lisboa", "country", "PT"));
		body.put("coordinates", Map.of("latitude", LAT + km / 111.195, "longitude", LON));
		body.put("timeZone", "Europe/Lisbon");
		body.put("capabilities", capabilities);
		if (closedToday) {
			DayOfWeek other = LocalDate.now(ZoneId.of("Europe/Lisbon")).getDayOfWeek().plus(3);
			body.put("openingHours", List.of(Map.of("day", other.name(), "opens", "09:00", "closes", "19:00")));
		}
		return api.post("/api/v1/locations", json(body)).expect(201).path("id").asString();
	}

	void receive(String sku, String location, int quantity) {
		api.post("/api/v1/inventory/movements",
				json(Map.of("type", "RECEIPT", "sku", sku, "locationId", location, "quantity", quantity)))
			.expect(201);
	}

	Answer put(String path, Object body) {
		return api.send("PUT", path, BodyPublishers.ofString(json(body)), "Content-Type", "application/json");
	}

	JsonNode stock(String sku, String location) {
		return api.get("/api/v1/inventory/stock?sku=" + sku + "&location=" + location).expect(200);
	}

	static Map<String, Object> ship(String reference, List<Map<String, Object>> lines) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("reference", reference);
		body.put("method", "SHIP");
		body.put("destination", Map.of("latitude", LAT, "longitude", LON));
		body.put("lines", lines);
		return body;
	}

	static Map<String, Object> line(String sku, int quantity) {
		return Map.of("sku", sku, "quantity", quantity);
	}

	static List<Map<String, Object>> lines(Object... skuQuantity) {
		List<Map<String, Object>> lines = new ArrayList<>();
		for (int i = 0; i < skuQuantity.length; i += 2) {
			lines.add(line((String) skuQuantity[i], (Integer) skuQuantity[i + 1]));
		}
		return lines;
	}

	static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	static String reference() {
		return "ord_" + UUID.randomUUID();
	}

}
