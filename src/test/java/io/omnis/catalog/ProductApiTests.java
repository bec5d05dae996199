package io.omnis.catalog;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Caller;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Products and their variants over HTTP, as a merchandiser or an integration manages
 * them.
 */
class ProductApiTests extends RunningCatalog {

	@Test
	void aProductIsCreatedWithItsVariantsAttributesAndImagesAndReadBack() {
		Caller caller = merchandiser();
		String handle = handle("linen-shirt");
		String small = sku("SHIRT-S");
		String gtin = gtin13();

		var answer = caller.post("/api/v1/catalog/products", """
				{"handle": "%s", "title": "Linen shirt", "description": "Washed linen.\\nMade in Portugal.",
				 "attributes": {"material": "linen", "fit": "regular", "organic": true, "threadCount": 120},
				 "images": [{"url": "https://cdn.example.com/shirt.jpg", "alt": "A white linen shirt"}],
				 "variants": [
				   {"sku": "%s", "barcode": "%s", "options": {"size": "S", "colour": "White"}, "weightGrams": 210},
				   {"sku": "%s", "options": {"size": "M", "colour": "White"}, "taxCategory": "clothing"}]}"""
			.formatted(handle, small, gtin, sku("SHIRT-M")));

		JsonNode product = answer.expect(201);
		String id = product.path("id").asString();
		assertThat(id).startsWith("prd_");
		assertThat(answer.header("Location")).isEqualTo("/api/v1/catalog/products/" + id);
		assertThat(product.path("status").asString()).isEqualTo("DRAFT");
		assertThat(product.path("description").asString()).isEqualTo("Washed linen.\nMade in Portugal.");
		assertThat(product.path("attributes").path("organic").asBoolean()).isTrue();
		assertThat(product.path("attributes").path("threadCount").asInt()).isEqualTo(120);
		assertThat(product.path("images").get(0).path("alt").asString()).isEqualTo("A white linen shirt");
		assertThat(product.path("variants")).hasSize(2);
		JsonNode first = product.path("variants").get(0);
		assertThat(first.path("id").asString()).startsWith("var_");
		assertThat(first.path("barcode").asString()).isEqualTo(gtin);
		assertThat(first.path("options").path("colour").asString()).isEqualTo("White");
		assertThat(first.path("weightGrams").asInt()).isEqualTo(210);
		assertThat(first.path("taxCategory").asString()).isEqualTo("standard");
		assertThat(product.path("variants").get(1).path("taxCategory").asString()).isEqualTo("clothing");

		assertThat(caller.get("/api/v1/catalog/products/" + id).expect(200)).isEqualTo(product);
	}

	@Test
	void aProductGoesFromDraftToActiveToArchivedAndBackButNeverToDraftAgain() {
		Caller caller = merchandiser();
		String id = caller.post("/api/v1/catalog/products", """
				{"handle": "%s", "title": "Mug"}""".formatted(handle("mug"))).expect(201).path("id").asString();
		String path = "/api/v1/catalog/products/" + id;

		caller.patch(path, "{\"status\": \"ACTIVE\"}").expectProblem(400, "invalid-field", "status");
		caller.post(path + "/variants", "{\"sku\": \"%s\"}".formatted(sku("MUG"))).expect(201);
		assertThat(caller.patch(path, "{\"status\": \"ACTIVE\"}").expect(200).path("status").asString())
			.isEqualTo("ACTIVE");
		caller.delete(path).expectProblem(409, "conflict");
		assertThat(caller.patch(path, "{\"status\": \"ARCHIVED\", \"title\": \"Old mug\"}")
			.expect(200)
			.path("title")
			.asString()).isEqualTo("Old mug");
		caller.patch(path, "{\"status\": \"DRAFT\"}").expectProblem(400, "invalid-field", "status");
		assertThat(caller.patch(path, "{\"status\": \"ACTIVE\"}").expect(200).path("status").asString())
			.isEqualTo("ACTIVE");
	}

	@Test
	void aDraftProductCanBeDeletedWithItsVariants() {
		Caller caller = merchandiser();
		String sku = sku("TEMP");
		String id = caller
			.post("/api/v1/catalog/products",
					"""
							{"handle": "%s", "title": "Temporary", "variants": [{"sku": "%s"}]}"""
						.formatted(handle("temp"), sku))
			.expect(201)
			.path("id")
			.asString();

		caller.delete("/api/v1/catalog/products/" + id).expect(204);

		caller.get("/api/v1/catalog/products/" + id).expectProblem(404, "not-found");
		assertThat(
				jdbc.sql("select count(*) from variant where sku = :sku").param("sku", sku).query(Long.class).single())
			.isZero();
	}

	@Test
	void variantsAreAddedReplacedAndRemoved() {
		Caller caller = merchandiser();
		String a = sku("CUP-A");
		JsonNode product = caller.post("/api/v1/catalog/products", """
				{"handle": "%s", "title": "Cup", "variants": [{"sku": "%s"}]}""".formatted(handle("cup"), a))
			.expect(201);
		String path = "/api/v1/catalog/products/" + product.path("id").asString();
		String b = sku("CUP-B");

		JsonNode added = caller.post(path + "/variants", """
				{"sku": "%s", "options": {"colour": "Blue"}}""".formatted(b)).expect(201);
		String variantId = added.path("variants").get(1).path("id").asString();
		JsonNode replaced = caller
			.send("PUT", path + "/variants/" + variantId, java.net.http.HttpRequest.BodyPublishers.ofString("""
					{"sku": "%s", "options": {"colour": "Green"}, "weightGrams": 300}""".formatted(b)), "Content-Type",
					"application/json")
			.expect(200);
		JsonNode removed = caller.delete(path + "/variants/" + product.path("variants").get(0).path("id").asString())
			.expect(200);

		assertThat(added.path("variants")).hasSize(2);
		assertThat(replaced.path("variants").get(1).path("options").path("colour").asString()).isEqualTo("Green");
		assertThat(replaced.path("variants").get(1).path("weightGrams").asInt()).isEqualTo(300);
		assertThat(removed.path("variants")).hasSize(1);
		assertThat(removed.path("variants").get(0).path("sku").asString()).isEqualTo(b);
	}

	@Test
	void aKitListsItsComponentSkusWithQuantitiesAndProtectsThem() {
		Caller caller = merchandiser();
		String candle = sku("CANDLE");
		String holder = sku("HOLDER");
		caller
			.post("/api/v1/catalog/products",
					"""
							{"handle": "%s", "title": "Candle", "variants": [{"sku": "%s"}, {"sku": "%s"}]}"""
						.formatted(handle("candle"), candle, holder))
			.expect(201);

		JsonNode kit = caller
			.post("/api/v1/catalog/products",
					"""
							{"handle": "%s", "title": "Candle gift set", "variants": [
							  {"sku": "%s", "components": [{"sku": "%s", "quantity": 3}, {"sku": "%s", "quantity": 1}]}]}"""
						.formatted(handle("gift-set"), sku("GIFT"), candle, holder))
			.expect(201);

		JsonNode components = kit.path("variants").get(0).path("components");
		assertThat(components).hasSize(2);
		assertThat(components.get(0).path("sku").asString()).isEqualTo(candle);
		assertThat(components.get(0).path("quantity").asInt()).isEqualTo(3);
		assertThat(components.get(0).path("variantId").asString()).startsWith("var_");
		String candleProduct = caller.get("/api/v1/catalog/search?sku=" + candle)
			.expect(200)
			.path("data")
			.get(0)
			.path("id")
			.asString();
		caller.delete("/api/v1/catalog/products/" + candleProduct).expectProblem(409, "conflict");
	}

	@Test
	void aKitOfAnUnknownSkuOfItselfOrOfAnotherKitIsRefused() {
		Caller caller = merchandiser();
		String part = sku("PART");
		String kit = sku("KIT");
		caller
			.post("/api/v1/catalog/products",
					"""
							{"handle": "%s", "title": "Kit", "variants": [{"sku": "%s"},
							 {"sku": "%s", "components": [{"sku": "%s", "quantity": 2}]}]}""".formatted(handle("kit"),
							part, kit, part))
			.expect(201);
		long before = variants();

		for (String components : new String[] { "[{\"sku\": \"NO-SUCH-SKU-X\", \"quantity\": 1}]",
				"[{\"sku\": \"%s\", \"quantity\": 1}]".formatted(kit),
				"[{\"sku\": \"%s\", \"quantity\": 0}]".formatted(part),
				"[{\"sku\": \"SELF-%s\", \"quantity\": 1}]".formatted(kit) }) {
			caller
				.post("/api/v1/catalog/products",
						"""
								{"handle": "%s", "title": "Bad kit", "variants": [{"sku": "SELF-%s", "components": %s}]}"""
							.formatted(handle("bad-kit"), kit, components))
				.expectProblem(400, "invalid-field");
		}
		assertThat(variants()).isEqualTo(before);
	}

	@Test
	void badInputIsAProblemNamingTheFieldAndChangesNothing() {
		Caller caller = merchandiser();
		String taken = sku("TAKEN");
		String takenGtin = gtin13();
		String takenHandle = handle("taken");
		caller
			.post("/api/v1/catalog/products",
					"""
							{"handle": "%s", "title": "Taken", "variants": [{"sku": "%s", "barcode": "%s"}]}"""
						.formatted(takenHandle, taken, takenGtin))
			.expect(201);
		String wrongCheckDigit = takenGtin.substring(0, 12) + ((takenGtin.charAt(12) - '0' + 1) % 10);
		long products = products();
		long variants = variants();

		record Bad(String body, int status, String type, String field) {
		}
		String h = handle("bad");
		for (Bad bad : new Bad[] { new Bad("{\"title\": \"No handle\"}", 400, "invalid-field", "handle"),
				new Bad("{\"handle\": \"Not A Handle\", \"title\": \"x\"}", 400, "invalid-field", "handle"),
				new Bad("{\"handle\": \"%s\", \"title\": \"x\"}".formatted(takenHandle), 409, "conflict", "handle"),
				new Bad("{\"handle\": \"%s\"}".formatted(h), 400, "invalid-field", "title"),
				new Bad("{\"handle\": \"%s\", \"title\": \"%s\"}".formatted(h, "x".repeat(201)), 400, "invalid-field",
						"title"),
				new Bad("{\"handle\": \"%s\", \"title\": \"x\", \"description\": \"%s\"}".formatted(h,
						"y".repeat(5001)), 400, "invalid-field", "description"),
				new Bad("{\"handle\": \"%s\", \"title\": 42}".formatted(h), 400, "invalid-field", "title"),
				new Bad("{\"handle\": \"%s\", \"title\": \"x\", \"status\": \"LIVE\"}".formatted(h), 400,
						"invalid-field", "status"),
				new Bad("{\"handle\": \"%s\", \"title\": \"x\", \"attributes\": {\"a\": {\"b\": 1}}}".formatted(h), 400,
						"invalid-field", "attributes.a"),
				new Bad("{\"handle\": \"%s\", \"title\": \"x\", \"images\": [{\"url\": \"javascript:alert(1)\"}]}"
					.formatted(h), 400, "invalid-field", "images[0].url"),
				new Bad("{\"handle\": \"%s\", \"title\": \"x\", \"variants\": [{\"sku\": \"%s\"}]}".formatted(h, taken),
						409, "conflict", "variants[0].sku"),
				new Bad("{\"handle\": \"%s\", \"title\": \"x\", \"variants\": [{\"sku\": \"A-%s\"}, {\"sku\": \"A-%s\"}]}"
					.formatted(h, taken, taken), 409, "conflict", "variants[1].sku"),
				new Bad("{\"handle\": \"%s\", \"title\": \"x\", \"variants\": [{\"sku\": \"N-%s\", \"barcode\": \"%s\"}]}"
					.formatted(h, taken, wrongCheckDigit), 400, "invalid-field", "variants[0].barcode"),
				new Bad("{\"handle\": \"%s\", \"title\": \"x\", \"variants\": [{\"sku\": \"N-%s\", \"barcode\": \"%s\"}]}"
					.formatted(h, taken, takenGtin), 409, "conflict", "variants[0].barcode"),
				new Bad("{\"handle\": \"%s\", \"title\": \"x\", \"variants\": [{\"sku\": \"has space\"}]}".formatted(h),
						400, "invalid-field", "variants[0].sku"),
				new Bad("{\"handle\": \"%s\", \"title\": \"x\", \"variants\": [{\"sku\": \"N-%s\", \"weightGrams\": -1}]}"
					.formatted(h, taken), 400, "invalid-field", "variants[0].weightGrams"),
				new Bad("{\"handle\": \"%s\", \"title\": \"x\", \"variants\": [{\"sku\": \"N-%s\", \"weightGrams\": \"1\"}]}"
					.formatted(h, taken), 400, "invalid-field", "variants[0].weightGrams"),
				new Bad("{\"handle\": \"%s\", \"title\": \"x\", \"status\": \"ACTIVE\"}".formatted(h), 400,
						"invalid-field", "variants"),
				new Bad("{\"handle\": \"%s\", \"title\": \"x\", \"colour\": \"red\"}".formatted(h), 400,
						"invalid-field", "colour") }) {
			caller.post("/api/v1/catalog/products", bad.body()).expectProblem(bad.status(), bad.type(), bad.field());
		}

		assertThat(products()).isEqualTo(products);
		assertThat(variants()).isEqualTo(variants);
	}

	@Test
	void readingNeedsCatalogReadAndWritingNeedsCatalogWrite() {
		Caller reader = withScopes(Permission.CATALOG_READ);
		Caller stranger = withScopes(Permission.CHANNELS_READ);

		reader.get("/api/v1/catalog/products").expect(200);
		reader.post("/api/v1/catalog/products", "{\"handle\": \"%s\", \"title\": \"x\"}".formatted(handle("x")))
			.expectProblem(403, "forbidden");
		stranger.get("/api/v1/catalog/products").expectProblem(403, "forbidden");
		anonymous().get("/api/v1/catalog/products").expectProblem(401, "unauthenticated");
	}

	@Test
	void productsAreListedWithACursor() {
		Caller caller = merchandiser();
		for (int i = 0; i < 3; i++) {
			caller
				.post("/api/v1/catalog/products",
						"{\"handle\": \"%s\", \"title\": \"Page %d\"}".formatted(handle("page"), i))
				.expect(201);
		}

		JsonNode first = caller.get("/api/v1/catalog/products?limit=2").expect(200);
		JsonNode second = caller.get("/api/v1/catalog/products?limit=2&cursor=" + first.path("nextCursor").asString())
			.expect(200);

		assertThat(first.path("data")).hasSize(2);
		assertThat(second.path("data").get(0).path("id").asString())
			.isGreaterThan(first.path("data").get(1).path("id").asString());
		caller.get("/api/v1/catalog/products?cursor=garbage").expectProblem(400, "invalid-parameter", "cursor");
	}

	private long products() {
		return jdbc.sql("select count(*) from product").query(Long.class).single();
	}

	private long variants() {
		return jdbc.sql("select count(*) from variant").query(Long.class).single();
	}

}
