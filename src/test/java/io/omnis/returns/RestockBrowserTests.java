package io.omnis.returns;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.omnis.console.web.ChromiumBrowser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store associate restocks a return from the tablet's work queue in Chromium: the
 * RESTOCK_RETURN task of a counter return is listed beside the other work, a code not in
 * the return is refused, each item is scanned, one line restocked and one written off; a
 * return shipped back is marked arrived from the store's returns page and joins the
 * queue.
 */
class RestockBrowserTests extends ReturnFixtures {

	@RegisterExtension
	static final ChromiumBrowser chromium = new ChromiumBrowser();

	@Test
	void anAssociateRestocksAReturnByScanningItsItems() {
		String prices = priceList();
		Item lamp = productWithBarcode(prices, 4990);
		Item bulb = productWithBarcode(prices, 350);
		String warehouse = warehouse();
		receive(lamp.sku(), warehouse, 5);
		receive(bulb.sku(), warehouse, 5);
		Shop web = web();
		Shop store = store();
		String orderId = handedOverWebOrder(web, lamp.sku(), 1, bulb.sku(), 1).path("id").asString();
		String returnId = startReturn(store.api(), orderId, "REFUND", line(lamp.sku(), 1, "SIZE_OR_FIT"),
				line(bulb.sku(), 1, "DAMAGED"))
			.expect(201)
			.path("id")
			.asString();
		String shippedOrder = handedOverWebOrder(web, lamp.sku(), 1).path("id").asString();
		String shipped = startReturn(web.api(), shippedOrder, "REFUND", line(lamp.sku(), 1, "OTHER")).expect(201)
			.path("id")
			.asString();

		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			page.navigate(base().resolve("/console").toString());
			page.locator("input[name=username]").fill("admin");
			page.locator("input[name=password]").fill(ADMIN_PASSWORD);
			page.locator("button[type=submit]").click();
			page.navigate(base().resolve("/console/stores/" + store.location() + "/work").toString());
			var row = page.locator("#tasks tr[data-kind=RESTOCK_RETURN]");
			assertThat(row).hasCount(1);
			assertThat(row).containsText(returnId);
			assertThat(row.locator(".badge")).hasCount(0);

			row.locator("a.restock").click();
			assertThat(page.locator("#lines tr[data-sku]")).hasCount(2);
			// A keyboard-wedge scanner types the code and Enter into the focused field
			page.locator("#scan input[name=barcode]").pressSequentially("4006381333931");
			page.keyboard().press("Enter");
			assertThat(page.locator("#error")).containsText("not among the returned items");
			assertThat(page.locator("#lines tr[data-sku='" + lamp.sku() + "'] .scanned")).hasText("0 / 1");

			page.locator("#scan input[name=barcode]").pressSequentially(lamp.barcode());
			page.keyboard().press("Enter");
			assertThat(page.locator("#lines tr[data-sku='" + lamp.sku() + "'] .scanned")).hasText("1 / 1");
			// Not every item scanned: refused
			page.locator("#complete button.done").click();
			assertThat(page.locator("#error")).containsText("not scanned yet");

			page.locator("#scan input[name=barcode]").pressSequentially(bulb.barcode());
			page.keyboard().press("Enter");
			assertThat(page.locator("#lines tr[data-sku='" + bulb.sku() + "'] .scanned")).hasText("1 / 1");
			page.locator("select[name=disposition_1]").selectOption("DAMAGED");
			page.locator("#complete button.done").click();

			assertThat(page.locator("#notice")).containsText("restocked: refunded");
			assertThat(page.locator("#tasks tr[data-kind=RESTOCK_RETURN]")).hasCount(0);

			// The return shipped back arrives: marked on the store's returns page, it
			// joins
			// the queue
			page.navigate(base().resolve("/console/stores/" + store.location() + "/returns").toString());
			page.locator("#returns tr[data-return='" + shipped + "'] form.arrived button").click();
			assertThat(page.locator("#notice")).containsText("is in the work queue");
			page.navigate(base().resolve("/console/stores/" + store.location() + "/work").toString());
			assertThat(page.locator("#tasks tr[data-kind=RESTOCK_RETURN]")).containsText(shipped);
		}

		assertThat(onHand(lamp.sku(), store.location())).isEqualTo(1);
		assertThat(onHand(bulb.sku(), store.location())).isZero();
		assertThat(backoffice().get("/api/v1/returns/" + returnId).expect(200).path("status").asString())
			.isEqualTo("REFUNDED");
	}

}
