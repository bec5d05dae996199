package io.omnis.catalog;

import java.net.http.HttpRequest.BodyPublishers;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Price lists, prices and tax rates over HTTP, and the input they refuse.
 */
class PriceListApiTests extends RunningCatalog {

	@Test
	void aPriceListIsCreatedReplacedAndListsItsPricesBySku() {
		Caller caller = merchandiser();
		String web = channel("Web");
		String sku = sku("SOCK");
		activeProduct(caller, "Socks", sku, "standard");

		Answer created = caller.post("/api/v1/catalog/price-lists", """
				{"name": "%s", "currency": "EUR", "channels": ["%s"], "validFrom": "2030-01-01T00:00:00Z",
				 "taxInclusive": true, "priority": 3}""".formatted(unique("Web"), web));
		JsonNode list = created.expect(201);
		String id = list.path("id").asString();
		assertThat(id).startsWith("prl_");
		assertThat(created.header("Location")).isEqualTo("/api/v1/catalog/price-lists/" + id);
		assertThat(list.path("channels").get(0).asString()).isEqualTo(web);
		assertThat(list.path("validUntil").isNull()).isTrue();

		JsonNode price = put(caller, "/api/v1/catalog/price-lists/" + id + "/prices/" + sku,
				"{\"amount\": 499, \"currency\": \"EUR\"}")
			.expect(200);
		assertThat(price.path("price").path("decimal").asString()).isEqualTo("4.99");
		JsonNode replaced = put(caller, "/api/v1/catalog/price-lists/" + id, """
				{"name": "Web renamed %s", "taxInclusive": false, "priority": 4}""".formatted(id)).expect(200);
		assertThat(replaced.path("channels")).isEmpty();
		assertThat(replaced.path("validFrom").isNull()).isTrue();
		assertThat(replaced.path("currency").asString()).isEqualTo("EUR");

		JsonNode prices = caller.get("/api/v1/catalog/price-lists/" + id + "/prices").expect(200);
		assertThat(prices.path("data")).hasSize(1);
		assertThat(prices.path("data").get(0).path("price").path("amount").asLong()).isEqualTo(499);
		caller.delete("/api/v1/catalog/price-lists/" + id + "/prices/" + sku).expect(204);
		assertThat(caller.get("/api/v1/catalog/price-lists/" + id + "/prices").expect(200).path("data")).isEmpty();
		caller.delete("/api/v1/catalog/price-lists/" + id).expect(204);
		caller.get("/api/v1/catalog/price-lists/" + id).expectProblem(404, "not-found");
	}

	@Test
	void aBadPriceListIsAProblemNamingTheFieldAndChangesNothing() {
		Caller caller = merchandiser();
		long before = count("price_list");
		String name = unique("Bad");

		record Bad(String body, String type, String field) {
		}
		for (Bad bad : new Bad[] { new Bad("{\"currency\": \"EUR\", \"taxInclusive\": true}", "invalid-field", "name"),
				new Bad("{\"name\": \"%s\", \"currency\": \"EURO\", \"taxInclusive\": true}".formatted(name),
						"invalid-field", "currency"),
				new Bad("{\"name\": \"%s\", \"taxInclusive\": true}".formatted(name), "invalid-field", "currency"),
				new Bad("{\"name\": \"%s\", \"currency\": \"EUR\"}".formatted(name), "invalid-field", "taxInclusive"),
				new Bad("{\"name\": \"%s\", \"currency\": \"EUR\", \"taxInclusive\": \"yes\"}".formatted(name),
						"invalid-field", "taxInclusive"),
				new Bad("{\"name\": \"%s\", \"currency\": \"EUR\", \"taxInclusive\": true, \"priority\": \"high\"}"
					.formatted(name), "invalid-field", "priority"),
				new Bad("{\"name\": \"%s\", \"currency\": \"EUR\", \"taxInclusive\": true, \"channels\": [\"chn_nope\"]}"
					.formatted(name), "invalid-field", "channels[0]"),
				new Bad("""
						{"name": "%s", "currency": "EUR", "taxInclusive": true,
						 "validFrom": "2030-02-01T00:00:00Z", "validUntil": "2030-01-01T00:00:00Z"}""".formatted(name),
						"invalid-field", "validUntil"),
				new Bad("""
						{"name": "%s", "currency": "EUR", "taxInclusive": true,
						 "validFrom": "2030-02-01T00:00:00Z", "validUntil": "2030-02-01T00:00:00Z"}""".formatted(name),
						"invalid-field", "validUntil"),
				new Bad("{\"name\": \"%s\", \"currency\": \"EUR\", \"taxInclusive\": true, \"validFrom\": \"soon\"}"
					.formatted(name), "invalid-field", "validFrom"),
				new Bad("{\"name\": \"%s\", \"currency\": \"EUR\", \"taxInclusive\": true}".formatted("n".repeat(101)),
						"invalid-field", "name") }) {
			caller.post("/api/v1/catalog/price-lists", bad.body()).expectProblem(400, bad.type(), bad.field());
		}

		assertThat(count("price_list")).isEqualTo(before);
	}

	@Test
	void aPriceInAnotherCurrencyOrBelowZeroIsRefusedAndChangesNothing() {
		Caller caller = merchandiser();
		String sku = sku("HAT");
		activeProduct(caller, "Hat", sku, "standard");
		String id = caller.post("/api/v1/catalog/price-lists", """
				{"name": "%s", "currency": "EUR", "taxInclusive": true}""".formatted(unique("Hats")))
			.expect(201)
			.path("id")
			.asString();
		String path = "/api/v1/catalog/price-lists/" + id + "/prices/" + sku;
		put(caller, path, "{\"amount\": 1500, \"currency\": \"EUR\"}").expect(200);

		put(caller, path, "{\"amount\": 1500, \"currency\": \"USD\"}").expectProblem(400, "invalid-field", "currency");
		put(caller, path, "{\"amount\": -1, \"currency\": \"EUR\"}").expectProblem(400, "invalid-field", "amount");
		put(caller, path, "{\"amount\": 15.5, \"currency\": \"EUR\"}").expectProblem(400, "invalid-field", "amount");
		put(caller, path, "{\"amount\": \"1500\", \"currency\": \"EUR\"}").expectProblem(400, "invalid-field",
				"amount");
		put(caller, path, "{\"currency\": \"EUR\"}").expectProblem(400, "invalid-field", "amount");
		put(caller, "/api/v1/catalog/price-lists/" + id + "/prices/NO-SUCH-SKU",
				"{\"amount\": 1, \"currency\": \"EUR\"}")
			.expectProblem(404, "not-found");

		assertThat(caller.get("/api/v1/catalog/price-lists/" + id + "/prices")
			.expect(200)
			.path("data")
			.get(0)
			.path("price")
			.path("amount")
			.asLong()).isEqualTo(1500);
	}

	@Test
	void taxRatesAreSetListedAndRemovedAndBadOnesRefused() {
		Caller caller = merchandiser();
		String category = handle("food").replace('-', '_');

		JsonNode rate = put(caller, "/api/v1/catalog/tax-rates", """
				{"country": "pt", "region": "20", "category": "%s", "rate": 0.04}""".formatted(category)).expect(200);
		assertThat(rate.path("country").asString()).isEqualTo("PT");
		assertThat(rate.path("rate").decimalValue()).isEqualByComparingTo("0.04");
		assertThat(caller.get("/api/v1/catalog/tax-rates?country=PT&limit=200").expect(200).path("data").toString())
			.contains(category);

		put(caller, "/api/v1/catalog/tax-rates",
				"{\"country\": \"PT\", \"category\": \"%s\", \"rate\": 1.5}".formatted(category))
			.expectProblem(400, "invalid-field", "rate");
		put(caller, "/api/v1/catalog/tax-rates",
				"{\"country\": \"PT\", \"category\": \"%s\", \"rate\": \"0.23\"}".formatted(category))
			.expectProblem(400, "invalid-field", "rate");
		put(caller, "/api/v1/catalog/tax-rates",
				"{\"country\": \"PT\", \"category\": \"%s\", \"rate\": 0.1234567}".formatted(category))
			.expectProblem(400, "invalid-field", "rate");
		put(caller, "/api/v1/catalog/tax-rates",
				"{\"country\": \"XX\", \"category\": \"%s\", \"rate\": 0.2}".formatted(category))
			.expectProblem(400, "invalid-field", "country");
		put(caller, "/api/v1/catalog/tax-rates", "{\"country\": \"PT\", \"category\": \"Not OK\", \"rate\": 0.2}")
			.expectProblem(400, "invalid-field", "category");

		caller.delete("/api/v1/catalog/tax-rates?country=PT&region=20&category=" + category).expect(204);
		caller.delete("/api/v1/catalog/tax-rates?country=PT&region=20&category=" + category)
			.expectProblem(404, "not-found");
	}

	private static Answer put(Caller caller, String path, String json) {
		return caller.send("PUT", path, BodyPublishers.ofString(json), "Content-Type", "application/json");
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

}
