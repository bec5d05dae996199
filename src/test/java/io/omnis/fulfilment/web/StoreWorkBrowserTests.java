package io.omnis.fulfilment.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.console.web.Chromium;
import io.omnis.kernel.security.Permission;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store associate works a click-and-collect order on the store tablet in Chromium: the
 * pick task appears, a wrong scan is refused, the right scan picks, then packing and
 * handing over sell the units from the store's own stock.
 */
class StoreWorkBrowserTests extends RunningOmnis {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Playwright playwright;

	private static Browser browser;

	@BeforeAll
	static void startChromium() {
		playwright = Chromium.playwright();
		browser = Chromium.launch(playwright);
	}

	@AfterAll
	static void stopChromium() {
		browser.close();
		playwright.close();
	}

	@Test
	void anAssociatePicksByScanningPacksAndHandsOver() {
		Channels.Created shop = channels.create(ChannelType.WEB, unique("Shop"), null,
				EnumSet.of(Permission.INVENTORY_READ, Permission.INVENTORY_WRITE, Permission.INVENTORY_MANAGE,
						Permission.RESERVATIONS_WRITE, Permission.CHANNELS_READ));
		Caller api = bearer(secretOf(shop));
		String sku = "TABLET-" + UUID.randomUUID().toString().substring(0, 8);
		String store = api.post("/api/v1/locations",
				JSON.writeValueAsString(Map.of("name", unique("Chiado"), "type", "STORE", "address",
						Map.of("line1", "Rua Garrett 12", "city", "Lisboa", "country", "PT"), "coordinates",
						Map.of("latitude", 38.71, "longitude", -9.14), "timeZone", "Europe/Lisbon", "capabilities",
						List.of("PICKUP", "SHIP_FROM_STORE"))))
			.expect(201)
			.path("id")
			.asString();
		api.post("/api/v1/inventory/movements",
				JSON.writeValueAsString(Map.of("type", "RECEIPT", "sku", sku, "locationId", store, "quantity", 3)))
			.expect(201);
		JsonNode routed = api
			.post("/api/v1/fulfilments",
					JSON.writeValueAsString(Map.of("reference", "ord_" + UUID.randomUUID(), "method", "PICKUP",
							"pickupLocationId", store, "lines", List.of(Map.of("sku", sku, "quantity", 1)))))
			.expect(201);
		assertThat(routed.path("allocations").get(0).path("locationId").asString()).isEqualTo(store);

		try (BrowserContext context = browser.newContext()) {
			Page page = context.newPage();
			page.navigate(base().resolve("/console").toString());
			page.locator("input[name=username]").fill("admin");
			page.locator("input[name=password]").fill(ADMIN_PASSWORD);
			page.locator("button[type=submit]").click();
			page.navigate(base().resolve("/console/stores/" + store + "/work").toString());
			assertThat(page.locator("#tasks tr[data-kind=PICK]")).containsText(sku);
			assertThat(page.locator("#tasks tr[data-kind=PICK] .picked")).hasText("0 / 1");

			// A keyboard-wedge scanner types the code and Enter into the focused field
			page.locator("#scan input[name=barcode]").pressSequentially("4006381333931");
			page.keyboard().press("Enter");
			assertThat(page.locator("#error")).containsText("not on any open pick list");
			assertThat(page.locator("#tasks tr[data-kind=PICK] .picked")).hasText("0 / 1");

			page.locator("#scan input[name=barcode]").pressSequentially(sku);
			page.keyboard().press("Enter");
			assertThat(page.locator("#notice")).containsText("pick list is complete");
			assertThat(page.locator("#tasks tr[data-kind=PICK]")).hasCount(0);

			page.locator("#tasks tr[data-kind=PACK] button.done").click();
			assertThat(page.locator("#tasks tr[data-kind=HAND_OVER]")).hasCount(1);
			page.locator("#tasks tr[data-kind=HAND_OVER] button.done").click();
			assertThat(page.locator("#tasks")).containsText("Nothing to do.");
		}

		JsonNode stock = api.get("/api/v1/inventory/stock?sku=" + sku + "&location=" + store).expect(200);
		assertThat(stock.path("onHand").asInt()).isEqualTo(2);
		assertThat(stock.path("reserved").asInt()).isZero();
	}

}
