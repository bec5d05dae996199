package io.omnis.catalog;

import java.net.http.HttpRequest.BodyPublishers;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.omnis.Answer;
import io.omnis.Caller;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which price applies to a SKU in a channel at an instant, and how it splits into net,
 * tax and gross. Every expected amount is worked out by hand in the comments.
 */
class PriceResolutionTests extends RunningCatalog {

	private Caller caller;

	private String sku;

	private String category;

	private String web;

	private String store;

	@BeforeEach
	void aProductWithTaxRatesAndChannels() {
		caller = merchandiser();
		sku = sku("TEE");
		category = handle("cat").replace('-', '_');
		activeProduct(caller, "Tee", sku, category);
		taxRate("PT", null, "0.23");
		taxRate("PT", "30", "0.22"); // Madeira
		web = channel("Web shop");
		store = channel("Chiado store");
	}

	@Test
	void aTaxInclusiveListSplitsTheGrossPriceIntoNetAndTax() {
		list("Retail", null, null, null, true, 0, 1230);

		JsonNode quote = quote("channel=" + store + "&at=2030-03-01T00:00:00Z").expect(200);

		// 12.30 gross at 23 %: tax = 1230 × 0.23 / 1.23 = 230, net = 1230 − 230 = 1000
		assertThat(quote.path("taxInclusive").asBoolean()).isTrue();
		assertMoney(quote.path("listed"), 1230, "12.30");
		assertMoney(quote.path("gross"), 1230, "12.30");
		assertMoney(quote.path("tax"), 230, "2.30");
		assertMoney(quote.path("net"), 1000, "10.00");
		assertThat(quote.path("taxRate").path("rate").decimalValue()).isEqualByComparingTo("0.23");
		assertThat(quote.path("sku").asString()).isEqualTo(sku);
	}

	@Test
	void aTaxExclusiveListAddsTaxRoundedHalfToEven() {
		list("Trade", null, null, null, false, 0, 1150);

		JsonNode quote = quote("at=2030-03-01T00:00:00Z").expect(200);

		// 11.50 net at 23 %: 1150 × 0.23 = 264.5, half-even to 264 (half-up would be 265)
		assertMoney(quote.path("net"), 1150, "11.50");
		assertMoney(quote.path("tax"), 264, "2.64");
		assertMoney(quote.path("gross"), 1414, "14.14");
	}

	@Test
	void aRegionsOwnRateWinsOverTheCountrys() {
		list("Island trade", null, null, null, false, 0, 1000);

		// 10.00 net: 22 % in Madeira (region 30) = 2.20; the Azores (20) have no rate of
		// their own here, so the country's 23 % applies
		assertMoney(quote("region=30").expect(200).path("tax"), 220, "2.20");
		assertMoney(quote("region=20").expect(200).path("tax"), 230, "2.30");
	}

	@Test
	void theHigherPriorityListWinsWhileItIsValid() {
		list("Retail", null, null, null, true, 0, 1230);
		list("Summer sale", null, "2030-06-10T00:00:00Z", "2030-06-20T00:00:00Z", true, 10, 999);

		// before, at the start (inclusive), inside, at the end (exclusive), after
		assertThat(gross("at=2030-06-09T23:59:59Z")).isEqualTo(1230);
		assertThat(gross("at=2030-06-10T00:00:00Z")).isEqualTo(999);
		assertThat(gross("at=2030-06-15T12:00:00Z")).isEqualTo(999);
		assertThat(gross("at=2030-06-20T00:00:00Z")).isEqualTo(1230);
		assertThat(gross("at=2030-07-01T00:00:00Z")).isEqualTo(1230);
		// 9.99 gross: tax = 999 × 0.23 / 1.23 = 186.80…, rounded to 187; net 812
		JsonNode sale = quote("at=2030-06-15T12:00:00Z").expect(200);
		assertMoney(sale.path("tax"), 187, "1.87");
		assertMoney(sale.path("net"), 812, "8.12");
		assertThat(sale.path("priceList").path("name").asString()).startsWith("Summer sale");
	}

	@Test
	void aChannelsOwnListBeatsListsForEveryChannelWhateverTheirPriority() {
		list("Retail", null, null, null, true, 100, 1230);
		list("Web prices", web, null, null, false, -5, 1000);
		list("Web launch", web, null, "2030-01-01T00:00:00Z", false, 5, 1150);

		// the web shop gets its own lists: the launch list (priority 5) until it ends,
		// then the other web list (priority −5) rather than Retail (priority 100)
		assertThat(gross("channel=" + web + "&at=2029-12-01T00:00:00Z")).isEqualTo(1414);
		JsonNode web2030 = quote("channel=" + web + "&at=2030-03-01T00:00:00Z").expect(200);
		assertMoney(web2030.path("net"), 1000, "10.00");
		assertMoney(web2030.path("gross"), 1230, "12.30");
		assertThat(web2030.path("taxInclusive").asBoolean()).isFalse();
		// the store has no list of its own, and falls back to Retail; so does a query
		// without a channel
		assertThat(gross("channel=" + store + "&at=2029-12-01T00:00:00Z")).isEqualTo(1230);
		assertThat(gross("at=2029-12-01T00:00:00Z")).isEqualTo(1230);
	}

	@Test
	void betweenListsOfEqualPriorityTheNewerWins() {
		list("Older", null, null, null, true, 0, 1000);
		list("Newer", null, null, null, true, 0, 1100);

		assertThat(gross("at=2030-03-01T00:00:00Z")).isEqualTo(1100);
	}

	@Test
	void onlyListsInTheAskedCurrencyCount() {
		list("Retail", null, null, null, true, 0, 1230);

		quote("currency=USD").expectProblem(422, "not-sellable", "currency");
	}

	@Test
	void aProductThatIsNotOnSaleOrNotInTheChannelsAssortmentIsNotSellable() {
		list("Retail", null, null, null, true, 0, 1230);
		String product = caller.get("/api/v1/catalog/search?sku=" + sku)
			.expect(200)
			.path("data")
			.get(0)
			.path("id")
			.asString();

		caller
			.send("PUT", "/api/v1/catalog/products/" + product + "/assortment",
					BodyPublishers.ofString("{\"allChannels\": false, \"channels\": [\"%s\"]}".formatted(web)),
					"Content-Type", "application/json")
			.expect(200);
		assertThat(gross("channel=" + web)).isEqualTo(1230);
		JsonNode problem = quote("channel=" + store).expectProblem(422, "not-sellable", "channel");
		assertThat(problem.path("detail").asString()).contains("not in the assortment");

		caller.patch("/api/v1/catalog/products/" + product, "{\"status\": \"ARCHIVED\"}").expect(200);
		quote("channel=" + web).expectProblem(422, "not-sellable", "sku");
	}

	@Test
	void aCategoryWithoutATaxRateInTheCountryIsNotSellable() {
		list("Retail", null, null, null, true, 0, 1230);

		quote("country=ES").expectProblem(422, "not-sellable", "country");
	}

	@Test
	void badQueriesAreProblemsNamingTheParameter() {
		list("Retail", null, null, null, true, 0, 1230);

		caller.get("/api/v1/catalog/prices?sku=" + sku).expectProblem(400, "invalid-field", "currency");
		caller.get("/api/v1/catalog/prices?currency=EUR").expectProblem(400, "invalid-field", "sku");
		caller.get("/api/v1/catalog/prices?sku=NO-SUCH-SKU&currency=EUR").expectProblem(404, "not-found");
		quote("currency=EURO").expectProblem(400, "invalid-field", "currency");
		quote("channel=chn_01jd4k7q8m3v5x6y7z8a9b0c1d").expectProblem(400, "invalid-field", "channel");
		quote("at=yesterday").expectProblem(400, "invalid-parameter", "at");
		quote("country=XX").expectProblem(400, "invalid-field", "country");
	}

	private Answer quote(String query) {
		String currency = query.contains("currency=") ? "" : "&currency=EUR";
		return caller.get("/api/v1/catalog/prices?sku=" + sku + currency + "&" + query);
	}

	private long gross(String query) {
		return quote(query).expect(200).path("gross").path("amount").asLong();
	}

	private void list(String name, String channel, String from, String until, boolean taxInclusive, int priority,
			long amount) {
		String id = caller
			.post("/api/v1/catalog/price-lists", """
					{"name": "%s", "currency": "EUR", "channels": %s, "validFrom": %s, "validUntil": %s,
					 "taxInclusive": %s, "priority": %d}""".formatted(unique(name),
					channel == null ? "[]" : "[\"" + channel + "\"]", from == null ? "null" : "\"" + from + "\"",
					until == null ? "null" : "\"" + until + "\"", taxInclusive, priority))
			.expect(201)
			.path("id")
			.asString();
		caller
			.send("PUT", "/api/v1/catalog/price-lists/" + id + "/prices/" + sku,
					BodyPublishers.ofString("{\"amount\": %d, \"currency\": \"EUR\"}".formatted(amount)),
					"Content-Type", "application/json")
			.expect(200);
	}

	private void taxRate(String country, String region, String rate) {
		caller.send("PUT", "/api/v1/catalog/tax-rates",
				BodyPublishers.ofString("""
						{"country": "%s", "region": %s, "category": "%s", "rate": %s}""".formatted(country,
						region == null ? "null" : "\"" + region + "\"", category, rate)),
				"Content-Type", "application/json")
			.expect(200);
	}

	private static void assertMoney(JsonNode money, long minorUnits, String decimal) {
		assertThat(money.path("amount").asLong()).as("%s", money).isEqualTo(minorUnits);
		assertThat(money.path("currency").asString()).isEqualTo("EUR");
		assertThat(money.path("decimal").asString()).isEqualTo(decimal);
	}

}
