package io.omnis.fulfilment.web;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store tablet for shipped orders: the pick list grouped by SKU (and its printable
 * page), packing what was picked into one weighed parcel, and shipping it with the
 * tracking number and link the associate types; a bad link is refused on the page and
 * ships nothing.
 */
class ShippingPagesTests extends RunningOmnis {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static String form(Map<String, String> fields) {
		return String.join("&",
				fields.entrySet()
					.stream()
					.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
					.toList());
	}

	private static Answer post(Caller console, String path, Map<String, String> fields) {
		return console.send("POST", path, BodyPublishers.ofString(form(fields)), "Content-Type",
				"application/x-www-form-urlencoded");
	}

	private static String html(Caller console, String path) {
		Answer answer = console.get(path);
		assertThat(answer.status()).as(path).isEqualTo(200);
		return answer.text();
	}

	private static JsonNode task(Caller api, String location, String kind) {
		for (JsonNode t : api.get("/api/v1/fulfilment/locations/" + location + "/tasks").expect(200).path("data")) {
			if (t.path("kind").asString().equals(kind)) {
				return t;
			}
		}
		throw new AssertionError("No open " + kind + " task at " + location);
	}

	@Test
	void anAssociatePicksFromThePickListPacksByWeightAndShipsWithTheTrackingLink() {
		Channels.Created shop = channels.create(ChannelType.WEB, unique("Shop"), null,
				EnumSet.of(Permission.INVENTORY_READ, Permission.INVENTORY_WRITE, Permission.INVENTORY_MANAGE,
						Permission.RESERVATIONS_WRITE, Permission.CHANNELS_READ));
		Caller api = bearer(secretOf(shop));
		String sku = "SHIP-" + UUID.randomUUID().toString().substring(0, 8);
		String store = api.post("/api/v1/locations",
				JSON.writeValueAsString(Map.of("name", unique("Baixa"), "type", "STORE", "address",
						Map.of("line1", "Rua Augusta 1", "city", "Lisboa", "country", "PT"), "coordinates",
						Map.of("latitude", 38.71, "longitude", -9.14), "timeZone", "Europe/Lisbon", "capabilities",
						List.of("SHIP_FROM_STORE"))))
			.expect(201)
			.path("id")
			.asString();
		api.post("/api/v1/inventory/movements",
				JSON.writeValueAsString(Map.of("type", "RECEIPT", "sku", sku, "locationId", store, "quantity", 4)))
			.expect(201);
		String reference = "ord_" + UUID.randomUUID();
		String fulfilment = api.post("/api/v1/fulfilments",
				JSON.writeValueAsString(Map.of("reference", reference, "method", "SHIP", "destination",
						Map.of("latitude", 38.72, "longitude", -9.14), "lines",
						List.of(Map.of("sku", sku, "quantity", 2)))))
			.expect(201)
			.path("id")
			.asString();
		Caller console = console(signIn("admin", ADMIN_PASSWORD));
		String work = "/console/stores/" + store + "/work";

		String page = html(console, work);
		assertThat(page).contains("id=\"pick-list\"").contains(sku).contains(reference + " (2)");
		assertThat(html(console, "/console/stores/" + store + "/pick-list")).contains(sku)
			.contains(reference + " × 2 (SHIP)");

		String pick = task(api, store, "PICK").path("id").asString();
		for (int i = 0; i < 2; i++) {
			api.post("/api/v1/fulfilment/tasks/" + pick + "/scans", "{\"barcode\": \"" + sku + "\"}").expect(200);
		}
		String pack = task(api, store, "PACK").path("id").asString();
		assertThat(html(console, work)).contains("Pack in one parcel").contains("Nothing to pick");

		post(console, work + "/tasks/" + pack + "/parcels", Map.of("weightGrams", "0"));
		assertThat(api.get("/api/v1/fulfilments/" + fulfilment + "/parcels").expect(200).size()).isZero();
		post(console, work + "/tasks/" + pack + "/parcels", Map.of("weightGrams", "1300"));
		JsonNode parcel = api.get("/api/v1/fulfilments/" + fulfilment + "/parcels").expect(200).get(0);
		assertThat(parcel.path("weightGrams").asInt()).isEqualTo(1300);
		assertThat(parcel.path("items").get(0).path("quantity").asInt()).isEqualTo(2);
		String id = parcel.path("id").asString();
		assertThat(html(console, work)).contains("data-parcel=\"" + id + "\"");

		post(console, work + "/parcels/" + id + "/ship",
				Map.of("trackingNumber", "RR1PT", "trackingUrl", "javascript:alert(1)"));
		assertThat(api.get("/api/v1/fulfilment/parcels/" + id).expect(200).path("status").asString())
			.isEqualTo("PACKED");
		post(console, work + "/parcels/" + id + "/ship",
				Map.of("trackingNumber", "RR1PT", "trackingUrl", "https://www.ctt.pt/track/RR1PT"));

		JsonNode shipped = api.get("/api/v1/fulfilment/parcels/" + id).expect(200);
		assertThat(shipped.path("status").asString()).isEqualTo("SHIPPED");
		assertThat(shipped.path("trackingUrl").asString()).isEqualTo("https://www.ctt.pt/track/RR1PT");
		assertThat(api.get("/api/v1/fulfilment/locations/" + store + "/tasks").expect(200).path("data").size())
			.isZero();
		assertThat(
				api.get("/api/v1/inventory/stock?sku=" + sku + "&location=" + store).expect(200).path("onHand").asInt())
			.isEqualTo(2);
	}

}
