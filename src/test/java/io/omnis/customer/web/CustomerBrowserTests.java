package io.omnis.customer.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.Poll;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.console.web.ChromiumBrowser;
import io.omnis.kernel.CustomerActivity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent finds a customer who used the web shop and a store, reads her 360 and undoes a
 * merge, in a real chromium.browser().
 */
class CustomerBrowserTests extends RunningOmnis {

	@RegisterExtension
	static final ChromiumBrowser chromium = new ChromiumBrowser();

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void anAgentFindsACustomerSeesHerWholeJourneyAndSplitsOffAMergedVisitor() throws Exception {
		// She logs in on her laptop, shows her loyalty card in a store, then browses and
		// logs in on her phone
		String suffix = unique("c").replaceAll("[^a-z0-9]", "");
		String web = writeKeyOf(channels.create(ChannelType.WEB, unique("Browser web shop"), null, Set.of()));
		Channels.Created storeCreated = channels.create(ChannelType.STORE, unique("Browser store"), null, Set.of());
		String storeChannel = storeCreated.channel().id().value();
		String store = writeKeyOf(storeCreated);
		String email = "marta-" + suffix + "@example.com";
		collect(web,
				message(suffix, "identify", "laptop", "2026-11-20T10:05:00Z",
						"\"userId\":\"marta-" + suffix + "\",\"traits\":{\"email\":\"" + email
								+ "\",\"firstName\":\"Marta\",\"lastName\":\"<script>window.__xss=1</script>Costa\"}"));
		collect(store,
				message(suffix, "track", null, "2026-11-21T16:00:00Z", "\"userId\":\"marta-" + suffix
						+ "\",\"event\":\"Order Completed\",\"context\":{\"externalIds\":[{\"id\":\"LC-" + suffix
						+ "\",\"type\":\"loyalty_card\",\"collection\":\"users\",\"encoding\":\"none\"}]}"));
		String profileId = awaitProfileHolding("loyalty_card", "LC-" + suffix);
		collect(web, message(suffix, "page", "phone", "2026-11-22T09:00:00Z", "\"name\":\"Lamps\""));
		String phoneVisitor = awaitProfileHolding("anonymous_id", "phone-" + suffix);
		assertThat(phoneVisitor).isNotEqualTo(profileId);
		collect(web,
				message(suffix, "identify", "phone", "2026-11-22T09:02:00Z", "\"userId\":\"marta-" + suffix + "\""));
		assertThat(awaitProfileHolding("anonymous_id", "phone-" + suffix)).isEqualTo(profileId);

		BrowserContext context = chromium.browser().newContext();
		Page page = context.newPage();
		signIn(page);
		page.navigate(url("/console/customers"));
		// Before any search, the customers active last, she among them
		assertThat(page.locator("#recent a[href='/console/customers/" + profileId + "']"))
			.hasText("Marta <script>window.__xss=1</script>Costa");
		page.locator("input[name=q]").fill(email);
		page.locator("input[name=q]").press("Enter");
		page.locator("#results a").first().click();

		assertThat(page).hasURL(url("/console/customers/" + profileId));
		assertThat(page.locator("#customer-name")).containsText("Marta");
		assertThat(page.locator("#identifiers")).containsText(email);
		assertThat(page.locator("#identifiers")).containsText("LC-" + suffix);
		assertThat(page.locator("#timeline tbody tr")).hasCount(4);
		assertThat(page.locator("#timeline tbody tr").nth(2)).containsText("Order Completed");
		assertThat(page.locator("#channels-used li")).hasCount(2);
		assertThat(page.locator("#merges")).containsText("MERGE");
		// Traits are text on the page, never markup
		assertThat(page.locator("#traits")).containsText("<script>window.__xss=1</script>Costa");
		// A trait's time reads as the other times on the page do
		assertThat(page.locator("#traits")).containsText("2026-11-20 10:05");
		assertThat(page.evaluate("() => window.__xss === undefined")).isEqualTo(true);
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "customer-360.png"))
			.setFullPage(true));

		// The timeline filtered by channel, then by type, then by neither
		page.locator("#timeline-filter select[name=channel]").selectOption(storeChannel);
		assertThat(page.locator("#timeline tbody tr")).hasCount(1);
		assertThat(page.locator("#timeline tbody tr")).containsText("Order Completed");
		page.locator("#timeline-filter select[name=channel]").selectOption("");
		page.locator("#timeline-filter select[name=type]").selectOption("identify");
		assertThat(page.locator("#timeline tbody tr")).hasCount(2);
		page.locator("#timeline-filter select[name=type]").selectOption("page");
		assertThat(page.locator("#timeline tbody tr")).hasCount(1);
		assertThat(page.locator("#timeline tbody tr")).containsText("Lamps");
		page.locator("#timeline-filter select[name=type]").selectOption("");
		assertThat(page.locator("#timeline tbody tr")).hasCount(4);

		// On the phone she says no more marketing e-mails: recorded with the store as
		// where
		// she said it
		page.locator("#record-consent select[name=purpose]").selectOption("email_marketing");
		page.locator("#record-consent select[name=choice]").selectOption("denied");
		page.locator("#record-consent select[name=channel]").selectOption(storeChannel);
		page.locator("#record-consent button").click();
		assertThat(page.locator("#consent + p .badge")).hasText("email_marketing ✗");
		page.locator("#consent-ledger summary").click();
		assertThat(page.locator("#consent-ledger tbody tr").first()).containsText("user:admin");
		assertThat(jdbc
			.sql("""
					select purpose || ' ' || granted || ' ' || channel_id || ' ' || source || ' ' || actor from consent_entry
					 where profile_id = ? order by id desc limit 1""")
			.param(profileId)
			.query(String.class)
			.single()).isEqualTo("email_marketing false " + storeChannel + " api user:admin");

		page.locator("#identifiers tr", new Page.LocatorOptions().setHasText("phone-" + suffix))
			.locator("button")
			.click();

		assertThat(page.locator("#identifiers")).containsText("phone-" + suffix);
		assertThat(page.locator("#identifiers")).not().containsText(email);
		assertThat(page.locator("#timeline tbody tr")).hasCount(2);
		assertThat(page.locator("#merges")).containsText("SPLIT");
		String splitOff = page.url().substring(page.url().lastIndexOf('/') + 1);
		assertThat(splitOff).startsWith("cus_").isNotEqualTo(profileId);
		page.navigate(url("/console/customers/" + profileId));
		assertThat(page.locator("#identifiers")).containsText(email);
		assertThat(page.locator("#identifiers")).not().containsText("phone-" + suffix);
		assertThat(page.locator("#timeline tbody tr")).hasCount(2);

		// The phone's visitor asks to be forgotten: erased once her id is typed, and
		// suppressed (the box is checked)
		page.navigate(url("/console/customers/" + splitOff));
		page.locator("#erase summary").click();
		page.locator("#erase input[name=confirm]").fill(splitOff);
		page.locator("#erase button[type=submit]").click();
		assertThat(page).hasURL(url("/console/customers?erased=" + splitOff + "&suppressed"));
		assertThat(page.locator("#erased")).containsText(splitOff);
		assertThat(page.locator("#erased")).containsText("dropped from now on");
		page.navigate(url("/console/customers/" + profileId));
		assertThat(page.locator("#identifiers")).containsText(email);
		context.close();
	}

	private static String message(String suffix, String type, String device, String timestamp, String fields) {
		String anonymous = device == null ? "" : "\"anonymousId\":\"" + device + "-" + suffix + "\",";
		return "{\"batch\":[{\"type\":\"" + type + "\"," + anonymous + "\"messageId\":\"" + type + "-" + device + "-"
				+ suffix + "\",\"timestamp\":\"" + timestamp + "\"," + fields + "}]}";
	}

	@Test
	void theTimelineKeepsTimesOnOneLineAndLongDetailsInsideAndLinksAnActivityToItsPage() throws Exception {
		String suffix = unique("t").replaceAll("[^a-z0-9]", "");
		Channels.Created shop = channels.create(ChannelType.WEB, unique("Timeline web shop"), null, Set.of());
		// A value with no space to break at, as JSON details often are
		collect(writeKeyOf(shop), message(suffix, "identify", "laptop", "2026-11-20T10:05:00Z",
				"\"userId\":\"long-" + suffix + "\",\"traits\":{\"note\":\"" + "x".repeat(150) + "\"}"));
		String profileId = awaitProfileHolding("user_id", "long-" + suffix);
		String order = "ord_" + suffix;
		String conversation = "cnv_" + suffix;
		String fulfilment = "ful_" + suffix;
		transactions.executeWithoutResult(status -> {
			events.publishEvent(new CustomerActivity(profileId, Instant.parse("2026-11-21T10:00:00Z"), "order.placed",
					shop.channel().id().value(), "Order " + order + " placed, 1 item, 9.90 EUR", order));
			events.publishEvent(new CustomerActivity(profileId, Instant.parse("2026-11-21T11:00:00Z"),
					"conversation.resolved", null, "Conversation resolved", conversation));
			events.publishEvent(new CustomerActivity(profileId, Instant.parse("2026-11-21T12:00:00Z"),
					"fulfilment.routed", shop.channel().id().value(), "Routed", fulfilment));
		});
		Poll.until(Duration.ofSeconds(10),
				() -> jdbc.sql("select count(*) from timeline_entry where reference = any(:refs::text[])")
					.param("refs", new String[] { order, conversation, fulfilment })
					.query(Long.class)
					.single(),
				count -> count == 3);

		Page page = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)).newPage();
		signIn(page);
		page.navigate(url("/console/customers/" + profileId));

		assertThat(page.locator("#timeline tbody tr")).hasCount(4);
		assertThat(page.locator("#timeline a[href='/console/orders/" + order + "']")).hasText(order);
		assertThat(page.locator("#timeline a[href='/console/conversations/" + conversation + "']"))
			.hasText(conversation);
		// A reference the console has no page for is text
		assertThat(page.locator("#timeline code", new Page.LocatorOptions().setHasText(fulfilment))).hasCount(1);
		assertThat(page.locator("#timeline a", new Page.LocatorOptions().setHasText(fulfilment))).hasCount(0);
		assertThat(page.evaluate("() => [...document.querySelectorAll('#timeline td')]"
				+ ".every(td => td.textContent.trim() !== 'null')"))
			.as("no activity shows null details")
			.isEqualTo(true);
		assertThat(page.evaluate("""
				() => document.querySelector('#timeline').getBoundingClientRect().right
				      <= document.querySelector('main').getBoundingClientRect().right + 0.5""")).as("inside the page")
			.isEqualTo(true);
		assertThat(page.evaluate("""
				() => [...document.querySelectorAll('#timeline tbody td:first-child')].every(td => {
				    const range = document.createRange();
				    range.selectNodeContents(td);
				    return range.getClientRects().length === 1;
				})""")).as("each time on one line").isEqualTo(true);
	}

	private void signIn(Page page) {
		page.navigate(url("/console"));
		page.locator("input[name=username]").fill("admin");
		page.locator("input[name=password]").fill(ADMIN_PASSWORD);
		page.locator("button[type=submit]").click();
		assertThat(page).hasURL(url("/console"));
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private void collect(String writeKey, String body) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/batch"))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"dropped\":0");
	}

	private String awaitProfileHolding(String type, String value) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			// The queue first: empty, then every message collected so far is resolved
			// and its owner read after is final (read in the other order, a batch
			// committing between the two reads gave the owner from before it)
			boolean resolved = jdbc.sql("select count(*) from event_resolution_queue").query(Long.class).single() == 0;
			Optional<String> owner = jdbc.sql("select profile_id from identifier where type = :type and value = :value")
				.param("type", type)
				.param("value", value)
				.query(String.class)
				.optional();
			if (resolved && owner.isPresent()) {
				return owner.get();
			}
			Thread.sleep(50);
		}
		throw new AssertionError("no profile holds " + type + ":" + value + " after 20 s");
	}

}
