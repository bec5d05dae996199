package io.omnis.fulfilment.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.console.web.ChromiumBrowser;
import io.omnis.kernel.security.Permission;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store associate works a click-and-collect order on the store tablet in Chromium: the
 * pick task appears, a wrong scan is refused, the right scan picks, packing makes it
 * ready, and it is handed over only for the customer's pickup code (a wrong code is
 * refused), which sells the units from the store's own stock. A curbside arrival shows up
 * live.
 */
class StoreWorkBrowserTests extends RunningOmnis {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static final ChromiumBrowser chromium = new ChromiumBrowser();

	private Caller shopApi() {
		Channels.Created shop = channels.create(ChannelType.WEB, unique("Shop"), null,
				EnumSet.of(Permission.INVENTORY_READ, Permission.INVENTORY_WRITE, Permission.INVENTORY_MANAGE,
						Permission.RESERVATIONS_WRITE, Permission.CHANNELS_READ));
		return bearer(secretOf(shop));
	}

	/** A page of the context signed in to the console as the administrator. */
	private Page signedIn(BrowserContext context) {
		Page page = context.newPage();
		page.navigate(base().resolve("/console").toString());
		page.locator("input[name=username]").fill("admin");
		page.locator("input[name=password]").fill(ADMIN_PASSWORD);
		page.locator("button[type=submit]").click();
		return page;
	}

	@Test
	void anAssociatePicksByScanningPacksAndHandsOver() {
		Caller api = shopApi();
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

		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = signedIn(context);
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
			// Ready: the counter hands over for the customer's code only
			page.locator("#tasks tr[data-kind=HAND_OVER] button.done").click();
			assertThat(page.locator("#error")).containsText("pickup code");
			assertThat(page.locator("#tasks tr[data-kind=HAND_OVER]")).hasCount(1);
			String fulfilment = routed.path("id").asString();
			String code = api.post("/api/v1/fulfilment/pickups/" + fulfilment + "/code", "")
				.expect(200)
				.path("code")
				.asString();

			page.locator("#pickup-find input[name=code]").fill("WRONG234");
			page.locator("#pickup-find button").click();
			assertThat(page.locator("#error")).containsText("not a pickup code");
			assertThat(page.locator("#pickup")).hasCount(0);

			page.locator("#pickup-find input[name=code]").pressSequentially(code);
			page.keyboard().press("Enter");
			assertThat(page.locator("#pickup tr[data-sku] .waiting")).hasText("1");
			page.locator("#pickup button.done").click();
			assertThat(page.locator("#notice")).containsText("is collected");
			assertThat(page.locator("#tasks")).containsText("Nothing to do.");

			// The same code again: used already, nothing changes
			page.locator("#pickup-find input[name=code]").fill(code);
			page.locator("#pickup-find button").click();
			assertThat(page.locator("#error")).containsText("used already");
		}

		JsonNode stock = api.get("/api/v1/inventory/stock?sku=" + sku + "&location=" + store).expect(200);
		assertThat(stock.path("onHand").asInt()).isEqualTo(2);
		assertThat(stock.path("reserved").asInt()).isZero();
	}

	@Test
	void anAssociateSplitsAShippedOrderIntoTwoParcelsOnTheTablet() {
		Caller api = shopApi();
		String sku = "SPLIT-" + UUID.randomUUID().toString().substring(0, 8);
		String store = api.post("/api/v1/locations",
				JSON.writeValueAsString(Map.of("name", unique("Alvalade"), "type", "STORE", "address",
						Map.of("line1", "Av. de Roma 10", "city", "Lisboa", "country", "PT"), "coordinates",
						Map.of("latitude", 38.75, "longitude", -9.14), "timeZone", "Europe/Lisbon", "capabilities",
						List.of("SHIP_FROM_STORE"))))
			.expect(201)
			.path("id")
			.asString();
		api.post("/api/v1/inventory/movements",
				JSON.writeValueAsString(Map.of("type", "RECEIPT", "sku", sku, "locationId", store, "quantity", 2)))
			.expect(201);
		String fulfilment = api.post("/api/v1/fulfilments",
				JSON.writeValueAsString(Map.of("reference", "ord_" + UUID.randomUUID(), "method", "SHIP", "destination",
						Map.of("latitude", 38.72, "longitude", -9.14), "lines",
						List.of(Map.of("sku", sku, "quantity", 2)))))
			.expect(201)
			.path("id")
			.asString();

		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = signedIn(context);
			page.navigate(base().resolve("/console/stores/" + store + "/work").toString());
			for (int i = 0; i < 2; i++) {
				page.locator("#scan input[name=barcode]").pressSequentially(sku);
				page.keyboard().press("Enter");
				assertThat(page.locator("#notice")).isVisible();
			}
			page.locator("#tasks tr[data-kind=PACK] a.split").click();
			assertThat(page.locator("#pack-split tr[data-sku] td").nth(1)).hasText("2");
			page.locator("#pack-split input[name=q-0-0]").fill("1");
			page.locator("#pack-split input[name=q-1-0]").fill("1");
			page.locator("#pack-split input[name=w-0]").fill("800");
			page.locator("#pack-split input[name=w-1]").fill("750");
			page.locator("#pack-parcels").click();
			assertThat(page.locator("#notice")).containsText("Packed 2 parcels");
			assertThat(page.locator("#tasks tr[data-kind=HAND_OVER] form.ship")).hasCount(2);
		}

		JsonNode parcels = api.get("/api/v1/fulfilments/" + fulfilment + "/parcels").expect(200);
		assertThat(parcels.findValuesAsString("weightGrams")).containsExactlyInAnyOrder("800", "750");
		assertThat(parcels.findValues("quantity").stream().mapToInt(JsonNode::asInt).sum()).isEqualTo(2);
	}

	@Test
	void aCurbsideArrivalShowsUpOnTheTabletWithHerParkingSpot() {
		Caller api = shopApi();
		String sku = "CURB-" + UUID.randomUUID().toString().substring(0, 8);
		String store = api.post("/api/v1/locations",
				JSON.writeValueAsString(Map.of("name", unique("Belem"), "type", "STORE", "address",
						Map.of("line1", "Rua de Belem 84", "city", "Lisboa", "country", "PT"), "coordinates",
						Map.of("latitude", 38.69, "longitude", -9.20), "timeZone", "Europe/Lisbon", "capabilities",
						List.of("PICKUP", "CURBSIDE"))))
			.expect(201)
			.path("id")
			.asString();
		api.post("/api/v1/inventory/movements",
				JSON.writeValueAsString(Map.of("type", "RECEIPT", "sku", sku, "locationId", store, "quantity", 1)))
			.expect(201);
		String fulfilment = api
			.post("/api/v1/fulfilments",
					JSON.writeValueAsString(Map.of("reference", "ord_" + UUID.randomUUID(), "method", "CURBSIDE",
							"pickupLocationId", store, "lines", List.of(Map.of("sku", sku, "quantity", 1)))))
			.expect(201)
			.path("id")
			.asString();
		JsonNode pick = api.get("/api/v1/fulfilment/locations/" + store + "/tasks").expect(200).path("data").get(0);
		api.post("/api/v1/fulfilment/tasks/" + pick.path("id").asString() + "/scans", "{\"barcode\": \"" + sku + "\"}")
			.expect(200);
		JsonNode pack = api.get("/api/v1/fulfilment/locations/" + store + "/tasks").expect(200).path("data").get(0);
		api.post("/api/v1/fulfilment/tasks/" + pack.path("id").asString() + "/complete", "").expect(200);
		String link = api.post("/api/v1/fulfilment/pickups/" + fulfilment + "/code", "")
			.expect(200)
			.path("link")
			.asString();
		String token = link.substring(link.indexOf("/pickup/") + "/pickup/".length());

		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = signedIn(context);
			page.navigate(base().resolve("/console/stores/" + store + "/work").toString());
			assertThat(page.locator("#arrivals p")).hasCount(0);

			// She opens her link on her phone and says where she parked
			try (BrowserContext phone = chromium.browser().newContext()) {
				Page her = phone.newPage();
				her.navigate(base().resolve("/pickup/" + token).toString());
				her.locator("#arrive input[name=parkingSpot]").fill("Bay 7, blue Renault");
				her.locator("#arrive button").click();
				assertThat(her.locator("#arrived")).containsText("Bay 7, blue Renault");
			}

			assertThat(page.locator("#arrivals .spot")).containsText("Bay 7, blue Renault",
					new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
		}
	}

}
