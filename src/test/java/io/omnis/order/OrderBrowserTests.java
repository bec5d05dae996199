package io.omnis.order;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.omnis.channel.ChannelType;
import io.omnis.console.web.ChromiumBrowser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The till and order pages in Chromium: an associate takes over a cart handed over from
 * the app by its code, scans a barcode into it, names the customer, takes the payment and
 * finds the order in the order list.
 */
class OrderBrowserTests extends OrderFixtures {

	@RegisterExtension
	static final ChromiumBrowser chromium = new ChromiumBrowser();

	@Test
	void anAssociateTakesOverAHandedOverCartScansAnItemAndTakesThePayment() {
		String prices = priceList();
		String lamp = product(prices, 4990);
		String barcode = TillSaleTests.gtin13();
		String bulb = product(prices, 350, barcode);
		Shop store = store();
		receive(lamp, store.location(), 2);
		receive(bulb, store.location(), 5);
		Shop app = channel(ChannelType.MOBILE_APP);
		String cart = anonymousCart(app, anonymousId()).path("id").asString();
		add(app, cart, lamp, 1).expect(200);
		String code = app.api().post("/api/v1/carts/" + cart + "/handover", "").expect(201).path("code").asString();
		String email = "till-" + java.util.UUID.randomUUID() + "@example.com";

		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			page.navigate(url("/console"));
			page.locator("input[name=username]").fill("admin");
			page.locator("input[name=password]").fill(ADMIN_PASSWORD);
			page.locator("button[type=submit]").click();
			assertThat(page).hasURL(url("/console"));

			page.getByText("Till").first().click();
			page.locator("#till-choice select[name=channel]").selectOption(store.id());
			page.locator("#till-choice button").click();

			page.locator("#takeover input[name=code]").fill(code.toLowerCase());
			page.locator("#takeover button").click();
			assertThat(page.locator("#till-cart h2")).containsText(cart);
			assertThat(page.locator("#till-lines tbody tr")).hasCount(1);

			// A scanner types the barcode and presses Enter
			page.locator("#scan input[name=code]").fill(barcode);
			page.locator("#scan input[name=code]").press("Enter");
			assertThat(page.locator("#till-lines tbody tr")).hasCount(2);
			assertThat(page.locator("#till-total")).hasText("53.40 EUR");

			page.locator("#scan input[name=code]").fill("NO-SUCH-THING");
			page.locator("#scan input[name=code]").press("Enter");
			assertThat(page.locator("#till-error")).containsText("NO-SUCH-THING");
			assertThat(page.locator("#till-lines tbody tr")).hasCount(2);

			page.locator("#identify select[name=type]").selectOption("email");
			page.locator("#identify input[name=value]").fill(email);
			page.locator("#identify button").click();
			assertThat(page.locator("#till-cart h2")).containsText(cart);

			page.locator("#pay select[name=method]").selectOption("test-card");
			page.locator("#pay input[name=cardNumber]").fill("4000000000000002");
			page.locator("#pay button").click();
			assertThat(page.locator("#till-error")).containsText("declined");

			page.locator("#pay select[name=method]").selectOption("pay-in-store");
			page.locator("#pay button").click();
			assertThat(page.locator("#order-status")).hasText("PAID");
			assertThat(page.locator("#order-total")).hasText("53.40 EUR");
			// The store by its names, and each line's tax rate as a percentage
			assertThat(page.locator("#order-channel")).hasText(channels.get(store.id()).name());
			assertThat(page.locator("#order-location")).hasText(jdbc.sql("select name from location where id = ?")
				.param(store.location())
				.query(String.class)
				.single());
			assertThat(page.locator("#lines tbody td").nth(3))
				.hasText(java.util.regex.Pattern.compile("\\d+(\\.\\d+)? %"));
			String orderUrl = page.url();

			page.locator("#steps button", new Page.LocatorOptions().setHasText("Allocate")).click();
			assertThat(page.locator("#order-status")).hasText("ALLOCATED");

			page.navigate(url("/console/orders?customer=email:" + email));
			assertThat(page.locator("#orders tbody tr")).hasCount(1);
			// The till's name, and the reference the order was placed under (the app
			// visitor whose cart the till took over)
			assertThat(page.locator("#orders tbody td").nth(4)).hasText(channels.get(store.id()).name());
			assertThat(page.locator("#orders tbody td").nth(5)).containsText("anonymous_id:");
			page.locator("#orders tbody td").first().locator("a").click();
			assertThat(page).hasURL(orderUrl);
		}
		assertThat(stock(bulb, store.location()).path("reserved").asInt()).isEqualTo(1);
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
