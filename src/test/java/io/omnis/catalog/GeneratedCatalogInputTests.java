package io.omnis.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import io.omnis.Caller;
import io.omnis.GarbageJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies generated from fixed seeds, sent to the endpoints where the catalog changes (a
 * product, its variants, assortment and content, a price list, a price, a tax rate, a
 * JSON or CSV import): none may cause a server error, every refusal is a problem detail,
 * and a refused request changes nothing in any catalog table.
 */
class GeneratedCatalogInputTests extends RunningCatalog {

	private static final List<String> TABLES = List.of("product", "variant", "kit_component", "product_channel",
			"product_content", "price_list", "price", "tax_rate");

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("io.omnis.GarbageJson#seeds")
	void noGeneratedBodyCausesAServerErrorAndARefusedOneChangesNothing(int seed) {
		Random random = new Random(seed);
		GarbageJson garbage = new GarbageJson(random);
		Caller caller = merchandiser();
		portugueseRates(caller);
		String sku = sku("GEN");
		JsonNode product = activeProduct(caller, unique("Generated"), sku, "standard");
		String productId = product.path("id").asString();
		String variantId = product.path("variants").path(0).path("id").asString();
		String priceList = caller.post("/api/v1/catalog/price-lists", """
				{"name": "%s", "currency": "EUR", "taxInclusive": true}""".formatted(unique("Generated")))
			.expect(201)
			.path("id")
			.asString();
		String web = channel("Generated web");

		String method = "POST";
		String path;
		String contentType = garbage.contentType();
		Map<String, Object> template = new LinkedHashMap<>();
		byte[] body = null;
		switch (random.nextInt(12)) {
			case 0 -> {
				path = "/api/v1/catalog/products";
				template.put("handle", handle("generated"));
				template.put("title", "Generated");
				template.put("status", "ACTIVE");
				template.put("attributes", Map.of("material", "cotton"));
				template.put("images", List.of(Map.of("url", "https://cdn.example.com/a.jpg", "alt", "A")));
				template.put("variants", List.of(variant(garbage, random, sku("GEN-NEW"))));
			}
			case 1 -> {
				method = "PATCH";
				path = "/api/v1/catalog/products/" + productId;
				template.put("title", "Renamed");
				template.put("description", "Longer");
				template.put("status", "DRAFT");
				template.put("attributes", Map.of("colour", "red"));
			}
			case 2 -> {
				path = "/api/v1/catalog/products/" + productId + "/variants";
				template.putAll(variant(garbage, random, sku("GEN-VAR")));
			}
			case 3 -> {
				method = "PUT";
				path = "/api/v1/catalog/products/" + productId + "/variants/" + variantId;
				template.putAll(variant(garbage, random, sku));
			}
			case 4 -> {
				method = "PUT";
				path = "/api/v1/catalog/products/" + productId + "/assortment";
				template.put("allChannels", false);
				template.put("channels", List.of(web));
			}
			case 5 -> {
				path = "/api/v1/catalog/price-lists";
				priceListTemplate(template, web);
			}
			case 6 -> {
				method = "PUT";
				path = "/api/v1/catalog/price-lists/" + priceList;
				priceListTemplate(template, web);
			}
			case 7 -> {
				method = "PUT";
				path = "/api/v1/catalog/price-lists/" + priceList + "/prices/" + sku;
				template.put("amount", 1990);
				template.put("currency", "EUR");
			}
			case 8 -> {
				method = "PUT";
				path = "/api/v1/catalog/tax-rates";
				template.put("country", "ES");
				template.put("region", "CN");
				template.put("category", "standard");
				template.put("rate", 0.07);
			}
			case 9 -> {
				method = "PUT";
				path = "/api/v1/catalog/products/" + productId + "/contents";
				template.put("channel", web);
				template.put("locale", "pt-PT");
				template.put("title", "Saco");
				template.put("description", "Um saco");
			}
			case 10 -> {
				path = "/api/v1/catalog/import?priceList=" + priceList;
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("handle", handle("imported"));
				row.put("status", "ACTIVE");
				row.put("title", "Imported");
				row.put("sku", sku("GEN-IMP"));
				row.put("taxCategory", "standard");
				row.put("price", 1230);
				List<Object> rows = new ArrayList<>();
				rows.add(random.nextBoolean() ? garbage.mutateFields(row) : row);
				template.put("rows", rows);
				// the import takes an array: send the (mutated) rows, or the object now
				// and then
				byte[] object = garbage.mutate(template);
				String text = new String(object, StandardCharsets.UTF_8);
				body = random.nextInt(5) > 0 && text.startsWith("{\"rows\":") && text.endsWith("}")
						? text.substring(8, text.length() - 1).getBytes(StandardCharsets.UTF_8) : object;
			}
			default -> {
				path = "/api/v1/catalog/import?priceList=" + priceList;
				contentType = random.nextInt(4) == 0 ? "text/csv; charset=utf-8" : "text/csv";
				body = garbageCsv(garbage, random);
			}
		}
		if (body == null) {
			body = garbage.mutate(template);
		}
		String before = catalog();

		GarbageJson.Sent sent = garbage.send(caller, method, path, body, contentType, random.nextInt(4) == 0);

		if (sent.refused()) {
			assertThat(catalog()).as("catalog tables after refusing %s", sent.request()).isEqualTo(before);
		}
	}

	/** A variant for a template, itself mutated one time in three. */
	private static Map<String, Object> variant(GarbageJson garbage, Random random, String sku) {
		Map<String, Object> variant = new LinkedHashMap<>();
		variant.put("sku", sku);
		variant.put("barcode", gtin13());
		variant.put("options", Map.of("size", "M"));
		variant.put("weightGrams", 300);
		variant.put("taxCategory", "standard");
		return random.nextInt(3) == 0 ? garbage.mutateFields(variant) : variant;
	}

	private static void priceListTemplate(Map<String, Object> template, String channel) {
		template.put("name", unique("Generated list"));
		template.put("currency", "EUR");
		template.put("channels", List.of(channel));
		template.put("validFrom", "2030-01-01T00:00:00Z");
		template.put("validUntil", "2031-01-01T00:00:00Z");
		template.put("taxInclusive", true);
		template.put("priority", 2);
	}

	/**
	 * An import CSV (a header and a few rows) with some cells replaced by generated text
	 * (quotes, separators, line breaks, huge values), fields added or taken away, and now
	 * and then broken bytes.
	 */
	private static byte[] garbageCsv(GarbageJson garbage, Random random) {
		List<List<String>> rows = new ArrayList<>();
		rows.add(new ArrayList<>(List.of("handle", "status", "title", "attributes", "sku", "barcode", "options",
				"weight_grams", "tax_category", "price", "currency")));
		for (int i = random.nextInt(4); i >= 0; i--) {
			rows.add(new ArrayList<>(List.of(handle("csv"), "ACTIVE", "Csv \"quoted\", item", "material=wool",
					sku("GEN-CSV"), gtin13(), "size=M;colour=red", "250", "standard", "12.30", "EUR")));
		}
		for (int mutations = 1 + random.nextInt(4); mutations > 0; mutations--) {
			List<String> row = rows.get(random.nextInt(rows.size()));
			int at = random.nextInt(row.size());
			switch (random.nextInt(6)) {
				case 0 -> row.remove(at);
				case 1 -> row.add(at, cell(random));
				default -> row.set(at, cell(random));
			}
		}
		StringBuilder csv = new StringBuilder();
		String end = List.of("\n", "\r\n", "\r").get(random.nextInt(3));
		for (List<String> row : rows) {
			for (int i = 0; i < row.size(); i++) {
				csv.append(i == 0 ? "" : ",").append(quoted(row.get(i), random));
			}
			csv.append(end);
		}
		byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
		return random.nextInt(3) == 0 ? garbage.corrupt(bytes) : bytes;
	}

	private static String cell(Random random) {
		return switch (random.nextInt(9)) {
			case 0 -> "";
			case 1 -> "-1";
			case 2 -> "99999999999999999999999";
			case 3 -> "x".repeat(random.nextBoolean() ? 70_000 : 1_000);
			case 4 -> "\"unbalanced";
			case 5 -> "a,b\nc";
			case 6 -> "{\"json\": [1, {\"deep\": null}]}";
			case 7 -> new String(new int[] { 0, 0x202E, 0xFFFF, 0x1F600, 0xD800 }, random.nextInt(5), 1);
			default -> Long.toString(random.nextLong());
		};
	}

	/** Quoted when CSV needs it, and sometimes when it does not. */
	private static String quoted(String cell, Random random) {
		boolean needs = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
				|| cell.indexOf('\r') >= 0;
		return needs || random.nextInt(5) == 0 ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
	}

	/** Every catalog table's rows, as one digest each. */
	private String catalog() {
		StringBuilder digest = new StringBuilder();
		for (String table : TABLES) {
			digest.append(table)
				.append(' ')
				.append(jdbc
					.sql("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') "
							+ "from " + table + " t")
					.query(String.class)
					.single())
				.append('\n');
		}
		return digest.toString();
	}

}
