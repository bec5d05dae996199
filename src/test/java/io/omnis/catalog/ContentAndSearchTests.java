package io.omnis.catalog;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each channel says about a product, and finding products by words, SKU and barcode.
 */
class ContentAndSearchTests extends RunningCatalog {

	@Test
	void contentFallsBackFromChannelAndLocaleToLocaleToTheDefault() {
		Caller caller = merchandiser();
		String web = channel("Web");
		String store = channel("Store");
		String id = activeProduct(caller, "Espadrilles", sku("ESP"), "standard").path("id").asString();
		String path = "/api/v1/catalog/products/" + id;
		put(caller, path + "/contents",
				"{\"locale\": \"pt-PT\", \"title\": \"Alpercatas\", \"description\": \"Feitas à mão.\"}")
			.expect(200);
		put(caller, path + "/contents", """
				{"channel": "%s", "locale": "pt-PT", "title": "Alpercatas — só online"}""".formatted(web)).expect(200);
		put(caller, path + "/contents", "{\"locale\": \"en\", \"title\": \"Espadrilles, handmade\"}").expect(200);

		assertContent(caller.get(path + "/content?channel=" + web + "&locale=pt-PT"), "Alpercatas — só online",
				"channel-locale");
		assertContent(caller.get(path + "/content?channel=" + store + "&locale=pt-PT"), "Alpercatas", "locale");
		assertContent(caller.get(path + "/content?channel=" + web + "&locale=en"), "Espadrilles, handmade", "locale");
		assertContent(caller.get(path + "/content?channel=" + web + "&locale=fr"), "Espadrilles", "default");
		assertContent(caller.get(path + "/content"), "Espadrilles", "default");
		assertThat(caller.get(path + "/contents").expect(200)).hasSize(3);

		caller.delete(path + "/contents?channel=" + web + "&locale=pt-PT").expect(204);
		assertContent(caller.get(path + "/content?channel=" + web + "&locale=pt-PT"), "Alpercatas", "locale");
	}

	@Test
	void descriptionsArePlainTextStoredAsWritten() {
		Caller caller = merchandiser();
		String id = activeProduct(caller, "Tote", sku("TOTE"), "standard").path("id").asString();
		String html = "<b>Bold</b> & <script>alert(1)</script>\nSecond line";

		JsonNode stored = put(caller, "/api/v1/catalog/products/" + id + "/contents",
				"{\"locale\": \"en\", \"title\": \"Tote <i>bag</i>\", \"description\": %s}"
					.formatted(io.omnis.Http.JSON.writeValueAsString(html)))
			.expect(200);

		assertThat(stored.path("description").asString()).isEqualTo(html);
		assertThat(stored.path("title").asString()).isEqualTo("Tote <i>bag</i>");
	}

	@Test
	void badContentIsAProblemNamingTheField() {
		Caller caller = merchandiser();
		String path = "/api/v1/catalog/products/"
				+ activeProduct(caller, "Cap", sku("CAP"), "standard").path("id").asString() + "/contents";

		put(caller, path, "{\"locale\": \"portuguese\", \"title\": \"x\"}").expectProblem(400, "invalid-field",
				"locale");
		put(caller, path, "{\"title\": \"x\"}").expectProblem(400, "invalid-field", "locale");
		put(caller, path, "{\"locale\": \"en\"}").expectProblem(400, "invalid-field", "title");
		put(caller, path, "{\"locale\": \"en\", \"title\": \"%s\"}".formatted("t".repeat(201))).expectProblem(400,
				"invalid-field", "title");
		put(caller, path, "{\"locale\": \"en\", \"title\": \"x\", \"channel\": \"chn_01jd4k7q8m3v5x6y7z8a9b0c1d\"}")
			.expectProblem(400, "invalid-field", "channel");
		put(caller, path, "{\"locale\": \"en\", \"title\": \"line\\u0000break\"}").expectProblem(400, "invalid-field",
				"title");
		assertThat(caller.get(path).expect(200)).isEmpty();
	}

	@Test
	void anAssortmentOfUnknownChannelsIsRefused() {
		Caller caller = merchandiser();
		String path = "/api/v1/catalog/products/"
				+ activeProduct(caller, "Belt", sku("BELT"), "standard").path("id").asString() + "/assortment";

		put(caller, path, "{\"allChannels\": false, \"channels\": [\"chn_nope\"]}").expectProblem(400, "invalid-field",
				"channels[0]");
		put(caller, path, "{\"channels\": []}").expectProblem(400, "invalid-field", "allChannels");
		assertThat(caller.get(path).expect(200).path("allChannels").asBoolean()).isTrue();
	}

	@Test
	void wordsFindProductsBestMatchFirstPageByPage() {
		Caller caller = merchandiser();
		String word = "zq" + Long.toString(System.nanoTime(), 36);
		create(caller, "Alfama " + word + " linen shirt", "Light and cool.", "{\"fabric\": \"linen\"}");
		create(caller, "Belém " + word + " cotton shirt", "Not linen at all, but cotton.", "{}");
		create(caller, "Chiado " + word + " wool scarf", "Warm.", "{\"fabric\": \"wool\"}");

		List<String> titles = new ArrayList<>();
		String cursor = "";
		do {
			JsonNode page = caller.get("/api/v1/catalog/search?limit=1&q=" + word + "+linen" + cursor).expect(200);
			page.path("data").forEach(p -> titles.add(p.path("title").asString()));
			cursor = page.path("nextCursor").isNull() ? null : "&cursor=" + page.path("nextCursor").asString();
		}
		while (cursor != null);

		// the title match outranks a match in the description
		assertThat(titles).containsExactly("Alfama " + word + " linen shirt", "Belém " + word + " cotton shirt");
		assertThat(titles(caller, word + " -cotton")).containsExactlyInAnyOrder("Alfama " + word + " linen shirt",
				"Chiado " + word + " wool scarf");
		assertThat(titles(caller, word + " wool")).containsExactly("Chiado " + word + " wool scarf");
		assertThat(titles(caller, "\"" + word + " cotton\"")).containsExactly("Belém " + word + " cotton shirt");
	}

	@Test
	void aSkuOrABarcodeFindsItsProductExactly() {
		Caller caller = merchandiser();
		String sku = sku("EXACT");
		String gtin = gtin13();
		caller
			.post("/api/v1/catalog/products",
					"""
							{"handle": "%s", "title": "Exact", "variants": [{"sku": "%s", "barcode": "%s"}]}"""
						.formatted(handle("exact"), sku, gtin))
			.expect(201);

		assertThat(caller.get("/api/v1/catalog/search?sku=" + sku)
			.expect(200)
			.path("data")
			.get(0)
			.path("title")
			.asString()).isEqualTo("Exact");
		assertThat(caller.get("/api/v1/catalog/search?barcode=" + gtin).expect(200).path("data")).hasSize(1);
		assertThat(caller.get("/api/v1/catalog/search?sku=" + sku.toLowerCase()).expect(200).path("data")).isEmpty();
		caller.get("/api/v1/catalog/search").expectProblem(400, "invalid-parameter", "q");
		caller.get("/api/v1/catalog/search?q=x&sku=" + sku).expectProblem(400, "invalid-parameter", "q");
		caller.get("/api/v1/catalog/search?q=" + "x".repeat(201)).expectProblem(400, "invalid-parameter", "q");
		caller.get("/api/v1/catalog/search?q=x&channel=nope").expectProblem(400, "invalid-field", "channel");
	}

	private void create(Caller caller, String title, String description, String attributes) {
		caller
			.post("/api/v1/catalog/products",
					"""
							{"handle": "%s", "title": "%s", "description": "%s", "attributes": %s}"""
						.formatted(handle("search"), title, description, attributes))
			.expect(201);
	}

	private static List<String> titles(Caller caller, String q) {
		List<String> titles = new ArrayList<>();
		caller.get("/api/v1/catalog/search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))
			.expect(200)
			.path("data")
			.forEach(p -> titles.add(p.path("title").asString()));
		return titles;
	}

	private static void assertContent(Answer answer, String title, String level) {
		JsonNode content = answer.expect(200);
		assertThat(content.path("title").asString()).isEqualTo(title);
		assertThat(content.path("level").asString()).isEqualTo(level);
	}

	private static Answer put(Caller caller, String path, String json) {
		return caller.send("PUT", path, BodyPublishers.ofString(json), "Content-Type", "application/json");
	}

}
