package io.omnis.catalog;

import java.net.http.HttpRequest.BodyPublishers;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk import by CSV and JSON, all or nothing, and the CSV export that reads back the
 * same.
 */
class ImportTests extends RunningCatalog {

	private static final String HEADER = "handle,status,title,description,attributes,sku,barcode,options,weight_grams,"
			+ "tax_category,price,currency\n";

	@Test
	void aCsvImportCreatesProductsVariantsAndPricesThenUpdatesThemByHandleAndSku() {
		Caller caller = merchandiser();
		portugueseRates(caller);
		String list = priceList(caller);
		String shirt = handle("shirt");
		String s = sku("S");
		String m = sku("M");
		String gtin = gtin13();
		String csv = HEADER + """
				%1$s,ACTIVE,"Shirt, linen","Cool.
				Second line ""quoted""\",material=linen;fit=slim,%2$s,%3$s,size=S;colour=White,200,clothing,12.30,EUR
				%1$s,,,,,%4$s,,size=M;colour=White,210,clothing,12.90,
				""".formatted(shirt, s, gtin, m);

		JsonNode first = importCsv(caller, csv, list).expect(200);
		assertThat(first.path("rows").asLong()).isEqualTo(2);
		assertThat(first.path("productsCreated").asLong()).isEqualTo(1);
		assertThat(first.path("variantsCreated").asLong()).isEqualTo(2);
		assertThat(first.path("pricesSet").asLong()).isEqualTo(2);
		JsonNode product = caller.get("/api/v1/catalog/search?sku=" + s).expect(200).path("data").get(0);
		assertThat(product.path("title").asString()).isEqualTo("Shirt, linen");
		assertThat(product.path("description").asString()).isEqualTo("Cool.\nSecond line \"quoted\"");
		assertThat(product.path("status").asString()).isEqualTo("ACTIVE");
		assertThat(product.path("attributes").path("fit").asString()).isEqualTo("slim");
		assertThat(product.path("variants").get(0).path("barcode").asString()).isEqualTo(gtin);
		assertThat(product.path("variants").get(1).path("options").path("size").asString()).isEqualTo("M");
		assertThat(caller.get("/api/v1/catalog/prices?currency=EUR&sku=" + m)
			.expect(200)
			.path("gross")
			.path("amount")
			.asLong()).isEqualTo(1290);

		JsonNode second = importCsv(caller, "handle,sku,title,price\n%s,%s,Shirt of linen,13.00\n".formatted(shirt, s),
				list)
			.expect(200);
		assertThat(second.path("productsUpdated").asLong()).isEqualTo(1);
		assertThat(second.path("variantsUpdated").asLong()).isEqualTo(1);
		JsonNode updated = caller.get("/api/v1/catalog/products/" + product.path("id").asString()).expect(200);
		assertThat(updated.path("title").asString()).isEqualTo("Shirt of linen");
		// columns left out of the header keep what was stored
		assertThat(updated.path("description").asString()).startsWith("Cool.");
		assertThat(updated.path("variants").get(0).path("barcode").asString()).isEqualTo(gtin);
		assertThat(updated.path("variants").get(0).path("weightGrams").asInt()).isEqualTo(200);
		assertThat(caller.get("/api/v1/catalog/prices?currency=EUR&sku=" + s)
			.expect(200)
			.path("gross")
			.path("amount")
			.asLong()).isEqualTo(1300);
	}

	@Test
	void aBadRowInTheMiddleIsNamedWithItsLineAndFieldAndNothingIsImported() {
		Caller caller = merchandiser();
		String list = priceList(caller);
		String existing = handle("existing");
		String existingSku = sku("E");
		importCsv(caller, "handle,title,sku,price\n%s,Before,%s,1.00\n".formatted(existing, existingSku), list)
			.expect(200);
		long products = count("product");
		long variants = count("variant");
		long prices = count("price");
		String good = gtin13();
		String bad = good.substring(0, 12) + ((good.charAt(12) - '0' + 1) % 10);

		String csv = "handle,title,sku,barcode,price,weight_grams\n" + """
				%1$s,After,%2$s,,2.00,
				%3$s,New one,%4$s,%5$s,3.00,
				%3$s,,%6$s,%7$s,4.00,
				%3$s,,%8$s,,-5.00,
				%3$s,,%9$s,,5.00,heavy
				%3$s,,%4$s,,6.00,
				""".formatted(existing, existingSku, handle("new"), sku("N1"), good, sku("N2"), bad, sku("N3"),
				sku("N4"));

		JsonNode problem = importCsv(caller, csv, list).expectProblem(400, "validation-failed", "line[4].barcode",
				"line[5].price", "line[6].weight_grams", "line[7].sku");
		assertThat(problem.path("detail").asString()).startsWith("4 rows are invalid, so nothing was imported");
		assertThat(count("product")).isEqualTo(products);
		assertThat(count("variant")).isEqualTo(variants);
		assertThat(count("price")).isEqualTo(prices);
		assertThat(caller.get("/api/v1/catalog/search?sku=" + existingSku)
			.expect(200)
			.path("data")
			.get(0)
			.path("title")
			.asString()).isEqualTo("Before");
	}

	@Test
	void rowsThatContradictTheStoredCatalogAreRefusedAndNothingIsImported() {
		Caller caller = merchandiser();
		String owner = handle("owner");
		String ownedSku = sku("OWNED");
		String ownedGtin = gtin13();
		importCsv(caller,
				"handle,title,sku,barcode,status\n%s,Owner,%s,%s,ACTIVE\n".formatted(owner, ownedSku, ownedGtin), null)
			.expect(200);
		long variants = count("variant");
		String other = handle("other");

		String csv = "handle,title,sku,barcode,status\n" + """
				%1$s,Other,%2$s,,
				%1$s,,%3$s,%4$s,
				%5$s,,%6$s,,
				%7$s,,%8$s,,DRAFT
				""".formatted(other, sku("FINE"), sku("STEAL"), ownedGtin, other + "-x", ownedSku, owner, sku("X"));

		importCsv(caller, csv, null).expectProblem(400, "validation-failed", "line[3].barcode", "line[4].sku",
				"line[4].title", "line[5].status");
		assertThat(count("variant")).isEqualTo(variants);
	}

	@Test
	void malformedCsvIsAProblemNamingTheLine() {
		Caller caller = merchandiser();

		importCsv(caller, "handle,title,sku\nok,Fine,OK-1\nbad,\"never closed,X\n", null).expectProblem(400,
				"malformed-body", "line[3]");
		importCsv(caller, "handle,title,sku,colour\na,b,c,d\n", null).expectProblem(400, "invalid-field",
				"line[1].colour");
		importCsv(caller, "title,sku\nb,c\n", null).expectProblem(400, "invalid-field", "line[1].handle");
		importCsv(caller, "handle,title,sku\na,b\n", null).expectProblem(400, "validation-failed", "line[2]");
		importCsv(caller, "", null).expectProblem(400, "malformed-body");
		importCsv(caller, "handle,title,sku\n%s,%s,S-1\n".formatted(handle("long"), "t".repeat(201)), null)
			.expectProblem(400, "validation-failed", "line[2].title");
		importCsv(caller, "handle,title,sku,price\n%s,T,%s,1.00\n".formatted(handle("p"), sku("P")), null)
			.expectProblem(400, "validation-failed", "line[2].price");
		importCsv(caller, "handle,title,sku,price,currency\n%s,T,%s,1.00,USD\n".formatted(handle("p"), sku("P")),
				priceList(caller))
			.expectProblem(400, "validation-failed", "line[2].currency");
		importCsv(caller, "handle,title,sku\na,b,c\n", "prl_01jd4k7q8m3v5x6y7z8a9b0c1d").expectProblem(404,
				"not-found");
	}

	@Test
	void anImportThatIsNotUtf8OrHoldsANulCharacterIsAProblemNamingTheRowAndImportsNothing() {
		Caller caller = merchandiser();
		long products = count("product");
		String csv = "handle,title,sku\n%s,Fine,%s\n%s,Bad BROKEN,%s\n".formatted(handle("utf"), sku("UTF"),
				handle("utf"), sku("UTF"));
		String json = "[{\"handle\":\"%s\",\"title\":\"Fine\",\"sku\":\"%s\"},\n{\"handle\":\"%s\",\"title\":\"Bad BROKEN\",\"sku\":\"%s\"}]"
			.formatted(handle("utf"), sku("UTF"), handle("utf"), sku("UTF"));
		for (byte[] broken : new byte[][] { { (byte) 0xFF }, { (byte) 0xC3 },
				{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 } }) {
			caller
				.send("POST", "/api/v1/catalog/import", BodyPublishers.ofByteArray(splice(csv, broken)), "Content-Type",
						"text/csv")
				.expectProblem(400, "malformed-body", "line[3]");
			caller
				.send("POST", "/api/v1/catalog/import", BodyPublishers.ofByteArray(splice(json, broken)),
						"Content-Type", "application/json")
				.expectProblem(400, "malformed-body");
		}
		importCsv(caller, "handle,title,sku\n%s,Fine,%s\n%s,Nul\u0000here,%s\n".formatted(handle("nul"), sku("NUL"),
				handle("nul"), sku("NUL")), null)
			.expectProblem(400, "validation-failed", "line[3].title");
		assertThat(count("product")).isEqualTo(products);
	}

	/** The text in UTF-8 with {@code BROKEN} replaced by the given bytes. */
	private static byte[] splice(String text, byte[] bytes) {
		int at = text.indexOf("BROKEN");
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		out.writeBytes(text.substring(0, at).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		out.writeBytes(bytes);
		out.writeBytes(text.substring(at + 6).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	@Test
	void aJsonImportTakesPricesInMinorUnitsAndNamesBadRowsByIndex() {
		Caller caller = merchandiser();
		portugueseRates(caller);
		String list = priceList(caller);
		String handle = handle("json");
		String a = sku("JA");

		JsonNode result = importJson(caller, """
				[{"handle": "%s", "title": "From JSON", "status": "ACTIVE", "attributes": {"vegan": true},
				  "sku": "%s", "options": {"size": 42}, "weightGrams": 500, "price": 2599, "currency": "EUR"}]"""
			.formatted(handle, a), list).expect(200);
		assertThat(result.path("productsCreated").asLong()).isEqualTo(1);
		assertThat(caller.get("/api/v1/catalog/prices?currency=EUR&sku=" + a)
			.expect(200)
			.path("gross")
			.path("decimal")
			.asString()).isEqualTo("25.99");

		long variants = count("variant");
		importJson(caller, """
				[{"handle": "%s", "sku": "%s"},
				 {"handle": "%s", "sku": "%s", "price": "12.00"},
				 {"handle": "%s", "sku": "%s", "weightGrams": 1.5},
				 {"handle": "%s", "sku": "%s", "colour": "red"},
				 "not a row"]""".formatted(handle, sku("J1"), handle, sku("J2"), handle, sku("J3"), handle, sku("J4")),
				list)
			.expectProblem(400, "validation-failed", "[1].price", "[2].weightGrams", "[3].colour", "[4].row");
		importJson(caller, "[{\"handle\": ", list).expectProblem(400, "malformed-body");
		importJson(caller, "{\"handle\": \"x\"}", list).expectProblem(400, "malformed-body");
		assertThat(count("variant")).isEqualTo(variants);
	}

	@Test
	void theExportReadsBackAsTheSameCatalog() {
		Caller caller = merchandiser();
		String list = priceList(caller);
		String handle = handle("round-trip");
		String sku = sku("RT");
		importCsv(caller, HEADER + """
				%s,ACTIVE,"Round, trip","Line one
				line two",origin=PT,%s,%s,"{""size"":""L;XL""}",90,standard,7.50,EUR
				""".formatted(handle, sku, gtin13()), list).expect(200);

		Answer export = caller.get("/api/v1/catalog/export?priceList=" + list);
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.contentType()).startsWith("text/csv");
		String csv = export.text();
		assertThat(csv).startsWith(HEADER.strip());
		String row = csv.lines()
			.dropWhile(line -> !line.startsWith(handle))
			.limit(2)
			.reduce((x, y) -> x + "\n" + y)
			.orElseThrow();
		assertThat(row).contains("\"Round, trip\"", "origin=PT", "\"{\"\"size\"\":\"\"L;XL\"\"}\"", "7.50,EUR");

		JsonNode again = importCsv(caller, HEADER + row + "\n", list).expect(200);
		assertThat(again.path("productsUpdated").asLong()).isEqualTo(1);
		assertThat(again.path("variantsUpdated").asLong()).isEqualTo(1);
		JsonNode product = caller.get("/api/v1/catalog/search?sku=" + sku).expect(200).path("data").get(0);
		assertThat(product.path("description").asString()).isEqualTo("Line one\nline two");
		assertThat(product.path("variants").get(0).path("options").path("size").asString()).isEqualTo("L;XL");
		caller.get("/api/v1/catalog/export?priceList=nope").expectProblem(404, "not-found");
	}

	@Test
	void theImportTakesBodiesOverTheOneMegabyteThatOtherEndpointsRefuse() {
		Caller caller = merchandiser();
		String prefix = handle("bulk");
		StringBuilder csv = new StringBuilder("handle,title,sku,status\n");
		for (int i = 0; csv.length() <= 1_100_000; i++) {
			csv.append(prefix)
				.append('-')
				.append(i)
				.append(",Bulk product number ")
				.append(i)
				.append(',')
				.append(prefix.toUpperCase())
				.append('-')
				.append(i)
				.append(",ACTIVE\n");
		}

		JsonNode result = importCsv(caller, csv.toString(), null).expect(200);

		assertThat(result.path("productsCreated").asLong()).isGreaterThan(10_000);
		caller.post("/api/v1/catalog/products", "{\"title\": \"" + "x".repeat(1_100_000) + "\"}")
			.expectProblem(413, "payload-too-large");
	}

	@Test
	void aRetriedImportWithTheSameIdempotencyKeyIsAnsweredOnceAndImportsOnce() {
		Caller caller = merchandiser();
		String csv = "handle,title,sku\n%s,Once,%s\n".formatted(handle("once"), sku("ONCE"));
		String key = unique("import").replace(' ', '-');

		Answer first = caller.send("POST", "/api/v1/catalog/import", BodyPublishers.ofString(csv), "Content-Type",
				"text/csv", "Idempotency-Key", key);
		long products = count("product");
		Answer retry = caller.send("POST", "/api/v1/catalog/import", BodyPublishers.ofString(csv), "Content-Type",
				"text/csv", "Idempotency-Key", key);

		assertThat(first.expect(200).path("productsCreated").asLong()).isEqualTo(1);
		assertThat(retry.expect(200)).isEqualTo(first.json());
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(count("product")).isEqualTo(products);
	}

	private String priceList(Caller caller) {
		return caller.post("/api/v1/catalog/price-lists", """
				{"name": "%s", "currency": "EUR", "taxInclusive": true}""".formatted(unique("Import")))
			.expect(201)
			.path("id")
			.asString();
	}

	private static Answer importCsv(Caller caller, String csv, String priceList) {
		return caller.send("POST", "/api/v1/catalog/import" + (priceList == null ? "" : "?priceList=" + priceList),
				BodyPublishers.ofString(csv), "Content-Type", "text/csv");
	}

	private static Answer importJson(Caller caller, String json, String priceList) {
		return caller.send("POST", "/api/v1/catalog/import?priceList=" + priceList, BodyPublishers.ofString(json),
				"Content-Type", "application/json");
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

}
