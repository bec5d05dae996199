package io.omnis.catalog;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Caller;
import io.omnis.kernel.problem.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Pricing#quoteAll} (one statement for a cart's SKUs) answers every SKU as
 * {@link Pricing#quote} answers it alone: the same price, or the same problem naming the
 * same field, and the SKU's variant as {@link Catalog#variant} reads it.
 */
class QuoteAllTests extends RunningCatalog {

	@Autowired
	Pricing pricing;

	@Autowired
	Catalog catalog;

	private final List<String> skus = new ArrayList<>();

	private String web;

	private String store;

	@BeforeEach
	void skusInEveryStateAQuoteKnows() {
		Caller caller = merchandiser();
		String category = handle("cat").replace('-', '_');
		String uncategorised = handle("untaxed").replace('-', '_');
		web = channel("Web");
		store = channel("Store");
		caller
			.send("PUT", "/api/v1/catalog/tax-rates",
					BodyPublishers
						.ofString("{\"country\": \"PT\", \"category\": \"%s\", \"rate\": 0.23}".formatted(category)),
					"Content-Type", "application/json")
			.expect(200);
		String sold = sku("SOLD");
		String draft = sku("DRAFT");
		String webOnly = sku("WEBONLY");
		String untaxed = sku("UNTAXED");
		String unpriced = sku("UNPRICED");
		String kit = sku("KIT");
		String webListed = sku("WEBLIST");
		activeProduct(caller, "Sold", sold, category);
		caller
			.post("/api/v1/catalog/products",
					"""
							{"handle": "%s", "title": "Draft", "status": "DRAFT",
							 "variants": [{"sku": "%s", "taxCategory": "%s", "options": {"size": "M"}}]}"""
						.formatted(handle("draft"), draft, category))
			.expect(201);
		String webOnlyProduct = activeProduct(caller, "Web only", webOnly, category).path("id").asString();
		caller
			.send("PUT", "/api/v1/catalog/products/" + webOnlyProduct + "/assortment",
					BodyPublishers.ofString("{\"allChannels\": false, \"channels\": [\"%s\"]}".formatted(web)),
					"Content-Type", "application/json")
			.expect(200);
		activeProduct(caller, "Untaxed", untaxed, uncategorised);
		activeProduct(caller, "Unpriced", unpriced, category);
		caller
			.post("/api/v1/catalog/products",
					"""
							{"handle": "%s", "title": "Kit", "status": "ACTIVE", "variants": [
							  {"sku": "%s", "taxCategory": "%s", "components": [{"sku": "%s", "quantity": 2}, {"sku": "%s", "quantity": 1}]}]}"""
						.formatted(handle("kit"), kit, category, sold, untaxed))
			.expect(201);
		activeProduct(caller, "Web listed", webListed, category);
		String everyChannel = list(caller, "[]", true, 10);
		String webList = list(caller, "[\"" + web + "\"]", false, 0);
		for (String sku : List.of(sold, draft, webOnly, untaxed, kit, webListed)) {
			price(caller, everyChannel, sku, 1230);
		}
		price(caller, webList, webListed, 999);
		skus.addAll(List.of(sold, draft, webOnly, untaxed, unpriced, kit, webListed, sku("UNKNOWN")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "web", "store", "no channel", "unknown channel", "bad currency", "bad country" })
	void everySkuIsAnsweredAsItsOwnQuoteAnswersIt(String how) {
		String channel = switch (how) {
			case "web" -> web;
			case "store" -> store;
			case "unknown channel" -> "chn_01jd4k7q8m3v5x6y7z8a9b0c1d";
			default -> null;
		};
		String currency = how.equals("bad currency") ? "EURO" : "EUR";
		String country = how.equals("bad country") ? "XX" : "PT";

		Map<String, Pricing.Answer> answers = pricing.quoteAll(skus, channel, currency, country);

		assertThat(answers.keySet()).containsExactlyInAnyOrderElementsOf(skus);
		int priced = 0;
		for (String sku : skus) {
			Pricing.Answer answer = answers.get(sku);
			try {
				PriceQuote alone = pricing.quote(sku, channel, currency, null, country, null);
				assertThat(answer.refusal()).as(sku).isNull();
				assertThat(answer.price()).as(sku).usingRecursiveComparison().ignoringFields("at").isEqualTo(alone);
				priced++;
			}
			catch (ProblemException refused) {
				assertThat(answer.price()).as(sku).isNull();
				assertThat(answer.refusal()).as(sku).isNotNull();
				assertThat(answer.refusal().type()).as(sku).isEqualTo(refused.type());
				assertThat(withoutInstant(answer.refusal().getMessage())).as(sku)
					.isEqualTo(withoutInstant(refused.getMessage()));
				assertThat(answer.refusal().errors().stream().map(e -> e.field() + withoutInstant(e.message()))).as(sku)
					.containsExactlyElementsOf(
							refused.errors().stream().map(e -> e.field() + withoutInstant(e.message())).toList());
			}
			if (how.equals("bad currency") || how.equals("bad country")) {
				continue;
			}
			assertThat(answer.variant()).as(sku).isEqualTo(catalog.variant(sku).orElse(null));
		}
		// the set-up leaves something to price in every channel that exists
		assertThat(priced).isEqualTo(switch (how) {
			case "web", "no channel" -> 4; // sold, web only, kit, the web list's SKU
			case "store" -> 3; // web only is not in the store's assortment
			default -> 0;
		});
	}

	/** A refusal for want of a price names the instant asked about, which differs. */
	private static String withoutInstant(String message) {
		return Arrays.stream(message.split(" ")).filter(word -> !word.matches("\\d{4}-.*Z")).toList().toString();
	}

	private String list(Caller caller, String channels, boolean taxInclusive, int priority) {
		return caller
			.post("/api/v1/catalog/price-lists",
					"""
							{"name": "%s", "currency": "EUR", "channels": %s, "taxInclusive": %s, "priority": %d}"""
						.formatted(unique("List"), channels, taxInclusive, priority))
			.expect(201)
			.path("id")
			.asString();
	}

	private void price(Caller caller, String list, String sku, long amount) {
		caller
			.send("PUT", "/api/v1/catalog/price-lists/" + list + "/prices/" + sku,
					BodyPublishers.ofString("{\"amount\": %d, \"currency\": \"EUR\"}".formatted(amount)),
					"Content-Type", "application/json")
			.expect(200);
	}

}
