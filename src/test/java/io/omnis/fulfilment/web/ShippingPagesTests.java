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

	/** A form whose fields repeat: names and values alternate. */
	private static Answer post(Caller console, String path, List<String> fields) {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < fields.size(); i += 2) {
			body.append(i == 0 ? "" : "&")
				.append(fields.get(i))
				.append('=')
				.append(URLEncoder.encode(fields.get(i + 1), StandardCharsets.UTF_8));
		}
		return console.send("POST", path, BodyPublishers.ofString(body.toString()), "Content-Type",
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

	private Caller shopApi() {
		Channels.Created shop = channels.create(ChannelType.WEB, unique("Shop"), null,
				EnumSet.of(Permission.INVENTORY_READ, Permission.INVENTORY_WRITE, Permission.INVENTORY_MANAGE,
						Permission.RESERVATIONS_WRITE, Permission.CHANNELS_READ));
		return bearer(secretOf(shop));
	}

	/** A store that ships, holding {@code units} of each SKU. */
	private static String store(Caller api, String sku, int units, String... more) {
		String store = api.post("/api/v1/locations",
				JSON.writeValueAsString(Map.of("name", unique("Baixa"), "type", "STORE", "address",
						Map.of("line1", "Rua Augusta 1", "city", "Lisboa", "country", "PT"), "coordinates",
						Map.of("latitude", 38.71, "longitude", -9.14), "timeZone", "Europe/Lisbon", "capabilities",
						List.of("SHIP_FROM_STORE"))))
			.expect(201)
			.path("id")
			.asString();
		for (String s : java.util.stream.Stream.concat(java.util.stream.Stream.of(sku), java.util.Arrays.stream(more))
			.toList()) {
			api.post("/api/v1/inventory/movements", JSON
				.writeValueAsString(Map.of("type", "RECEIPT", "sku", s, "locationId", store, "quantity", units)))
				.expect(201);
		}
		return store;
	}

	private static String ship(Caller api, String reference, Map<String, Integer> lines) {
		return api
			.post("/api/v1/fulfilments", JSON.writeValueAsString(Map.of("reference", reference, "method", "SHIP",
					"destination", Map.of("latitude", 38.72, "longitude", -9.14), "lines",
					lines.entrySet().stream().map(e -> Map.of("sku", e.getKey(), "quantity", e.getValue())).toList())))
			.expect(201)
			.path("id")
			.asString();
	}

	private static void scan(Caller api, String task, String sku, int times) {
		for (int i = 0; i < times; i++) {
			api.post("/api/v1/fulfilment/tasks/" + task + "/scans", "{\"barcode\": \"" + sku + "\"}").expect(200);
		}
	}

	@Test
	void anAssociateSplitsWhatWasPickedIntoSeveralParcelsAndAWrongSplitPacksNothing() {
		Caller api = shopApi();
		String lamp = "LAMP-" + UUID.randomUUID().toString().substring(0, 8);
		String shade = "SHADE-" + UUID.randomUUID().toString().substring(0, 8);
		String store = store(api, lamp, 5, shade);
		String fulfilment = ship(api, "ord_" + UUID.randomUUID(), new java.util.TreeMap<>(Map.of(lamp, 3, shade, 1)));
		String pick = task(api, store, "PICK").path("id").asString();
		scan(api, pick, lamp, 3);
		scan(api, pick, shade, 1);
		String pack = task(api, store, "PACK").path("id").asString();
		Caller console = console(signIn("admin", ADMIN_PASSWORD));
		String work = "/console/stores/" + store + "/work";
		assertThat(html(console, work)).contains(work + "/tasks/" + pack + "/pack");

		String form = html(console, work + "/tasks/" + pack + "/pack?parcels=2");
		assertThat(form).contains("Parcel 1").contains("Parcel 2").contains("data-sku=\"" + lamp + "\"");
		// Rows in SKU order; one lamp left out of every parcel: refused, shown again as
		// typed,
		// nothing packed
		boolean lampFirst = lamp.compareTo(shade) < 0;
		String lampRow = lampFirst ? "0" : "1";
		String shadeRow = lampFirst ? "1" : "0";
		List<String> rows = lampFirst ? List.of("sku", lamp, "units", "3", "sku", shade, "units", "1")
				: List.of("sku", shade, "units", "1", "sku", lamp, "units", "3");
		List<String> wrong = new java.util.ArrayList<>(rows);
		wrong.addAll(List.of("parcels", "2", "q-0-" + lampRow, "1", "q-1-" + lampRow, "1", "q-0-" + shadeRow, "1",
				"q-1-" + shadeRow, "0", "w-0", "2100", "w-1", "900"));
		String refused = post(console, work + "/tasks/" + pack + "/pack", wrong).text();
		assertThat(refused).contains("id=\"error\"").contains("in no parcel").contains("value=\"2100\"");
		assertThat(api.get("/api/v1/fulfilments/" + fulfilment + "/parcels").expect(200).size()).isZero();

		List<String> right = new java.util.ArrayList<>(rows);
		right.addAll(List.of("parcels", "2", "q-0-" + lampRow, "2", "q-1-" + lampRow, "1", "q-0-" + shadeRow, "1",
				"q-1-" + shadeRow, "0", "w-0", "2100", "w-1", "900"));
		post(console, work + "/tasks/" + pack + "/pack", right);

		JsonNode parcels = api.get("/api/v1/fulfilments/" + fulfilment + "/parcels").expect(200);
		assertThat(parcels.size()).isEqualTo(2);
		Map<Integer, String> byWeight = new java.util.TreeMap<>();
		for (JsonNode p : parcels) {
			byWeight.put(p.path("weightGrams").asInt(), p.path("items").toString());
		}
		assertThat(byWeight.get(2100)).contains("\"sku\":\"" + lamp + "\",\"quantity\":2")
			.contains("\"sku\":\"" + shade + "\",\"quantity\":1");
		assertThat(byWeight.get(900)).contains("\"sku\":\"" + lamp + "\",\"quantity\":1").doesNotContain(shade);
		// The PACK task is done: the hand-over lists both parcels to ship
		assertThat(task(api, store, "HAND_OVER").path("fulfilmentId").asString()).isEqualTo(fulfilment);
		String page = html(console, work);
		for (JsonNode p : parcels) {
			assertThat(page).contains("data-parcel=\"" + p.path("id").asString() + "\"");
		}
	}

	@Test
	void anAssociatePicksFromThePickListPacksByWeightAndShipsWithTheTrackingLink() {
		Caller api = shopApi();
		String sku = "SHIP-" + UUID.randomUUID().toString().substring(0, 8);
		String store = store(api, sku, 4);
		String reference = "ord_" + UUID.randomUUID();
		String fulfilment = ship(api, reference, Map.of(sku, 2));
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
