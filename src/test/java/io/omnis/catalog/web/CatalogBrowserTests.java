package io.omnis.catalog.web;

import java.net.http.HttpRequest.BodyPublishers;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.console.web.ChromiumBrowser;
import io.omnis.kernel.security.Permission;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog page in Chromium: a merchandiser searches, opens a product and sees its
 * variants, prices and content, with stored markup shown as text.
 */
class CatalogBrowserTests extends RunningOmnis {

	@RegisterExtension
	static final ChromiumBrowser chromium = new ChromiumBrowser();

	@Test
	void anAdministratorSearchesAProductOpensItAndSeesItsPriceAndContent() {
		Caller api = withScopes(Permission.CATALOG_READ, Permission.CATALOG_WRITE);
		String word = "zb" + Long.toString(System.nanoTime(), 36);
		String handle = unique("lamp").replace(' ', '-').toLowerCase();
		String sku = unique("LAMP").replace(' ', '-').toUpperCase();
		String id = api.post("/api/v1/catalog/products", """
				{"handle": "%s", "title": "Cork %s lamp", "status": "ACTIVE",
				 "description": "Made of <b>cork</b>.<script>window.pwned = true</script>",
				 "variants": [{"sku": "%s", "options": {"colour": "Natural"}}]}""".formatted(handle, word, sku))
			.expect(201)
			.path("id")
			.asString();
		String list = api.post("/api/v1/catalog/price-lists", """
				{"name": "%s", "currency": "EUR", "taxInclusive": true}""".formatted(unique("Retail")))
			.expect(201)
			.path("id")
			.asString();
		api.send("PUT", "/api/v1/catalog/price-lists/" + list + "/prices/" + sku,
				BodyPublishers.ofString("{\"amount\": 4990, \"currency\": \"EUR\"}"), "Content-Type",
				"application/json")
			.expect(200);
		api.send("PUT", "/api/v1/catalog/products/" + id + "/contents",
				BodyPublishers.ofString("{\"locale\": \"pt-PT\", \"title\": \"Candeeiro de cortiça\"}"), "Content-Type",
				"application/json")
			.expect(200);

		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			page.navigate(url("/console"));
			page.locator("input[name=username]").fill("admin");
			page.locator("input[name=password]").fill(ADMIN_PASSWORD);
			page.locator("button[type=submit]").click();
			assertThat(page).hasURL(url("/console"));

			page.getByText("Catalog").first().click();
			assertThat(page).hasURL(url("/console/catalog"));
			page.locator("#catalog-search input[name=q]").fill(word + " lamp");
			page.locator("#catalog-search button[type=submit]").click();
			assertThat(page.locator("#products tbody tr")).hasCount(1);
			page.getByText("Cork " + word + " lamp").click();

			assertThat(page.locator("h1")).hasText("Cork " + word + " lamp");
			assertThat(page.locator("#product-status")).hasText("ACTIVE");
			assertThat(page.locator("#variants")).containsText(sku);
			assertThat(page.locator("#variants")).containsText("Natural");
			assertThat(page.locator("#variants")).not().containsText("{");
			// each SKU links to its stock in every location
			assertThat(page.locator("#variants a").first()).hasAttribute("href", "/console/inventory?sku=" + sku);
			assertThat(page.locator("#prices .price")).hasText("49.90 EUR");
			assertThat(page.locator("#contents")).containsText("Candeeiro de cortiça");
			assertThat(page.locator("#product-description")).containsText("<script>window.pwned = true</script>");
			assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);

			page.navigate(url("/console/catalog?q=" + sku));
			assertThat(page.locator("#products")).containsText("Cork " + word + " lamp");
		}
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
