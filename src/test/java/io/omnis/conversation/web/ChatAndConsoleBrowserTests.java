package io.omnis.conversation.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.console.web.ChromiumBrowser;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profiles;
import io.omnis.kernel.security.Role;
import io.omnis.staff.Staff;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A visitor chats through the widget on a shop's page while an agent answers in the
 * console, each in their own browser: both see the other's messages appear without a
 * reload, and markup anyone typed stays text on both sides.
 */
class ChatAndConsoleBrowserTests extends RunningOmnis {

	private static final String XSS = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";

	@RegisterExtension
	static final ChromiumBrowser chromium = new ChromiumBrowser();

	@Autowired
	Staff staff;

	@Autowired
	Profiles profiles;

	@Autowired
	io.omnis.conversation.CustomerNotices notices;

	@BeforeEach
	void onlyThisTestsAgentIsOnlineAndTheQueueIsEmpty() {
		// The database is shared with the other test classes: what they left waiting
		// would
		// be routed to this agent as soon as she comes online
		jdbc.sql("update conversation set status = 'RESOLVED', resolved_at = now() where status <> 'RESOLVED'")
			.update();
		// in staff order, as routing locks agents, so that the two never deadlock
		jdbc.sql("""
				update agent set presence = 'OFFLINE'
				 where staff_id in (select staff_id from agent order by staff_id for update)""").update();
	}

	@Test
	void aVisitorAndAnAgentTalkLiveInTheirOwnBrowsers() {
		String username = "lia-" + UUID.randomUUID().toString().substring(0, 8);
		staff.create(username, "Lia Agent", Role.AGENT, "lia-agent-password");
		String writeKey = writeKeyOf(
				channels.create(ChannelType.WEB, unique("Shop with chat"), null, java.util.Set.of()));

		BrowserContext agentBrowser = chromium.browser().newContext();
		Page console = agentBrowser.newPage();
		console.navigate(url("/console/conversations"));
		console.locator("input[name=username]").fill(username);
		console.locator("input[name=password]").fill("lia-agent-password");
		console.locator("button[type=submit]").click();
		console.navigate(url("/console/conversations"));
		console.locator("#presence-select").selectOption("ONLINE");
		console.locator("#presence button").click();
		assertThat(console.locator("#presence-select")).hasValue("ONLINE");
		assertThat(console.locator("#inbox")).containsText("Nothing here");

		// The shop is another site, which only adds the script tag
		BrowserContext visitorBrowser = chromium.browser().newContext();
		Page shop = visitorBrowser.newPage();
		HttpServer site = shopSite(writeKey);
		String shopUrl = "http://127.0.0.1:" + site.getAddress().getPort() + "/lamps.html";
		shop.navigate(shopUrl);
		shop.locator("#omnis-chat-open").click();
		shop.locator("#omnis-chat-text").fill("Is the red lamp in stock? " + XSS);
		shop.locator("#omnis-chat-send").click();
		assertThat(shop.locator("#omnis-chat-log")).containsText("Is the red lamp in stock?");
		assertThat(shop.locator("#omnis-chat-error")).isEmpty();

		// It reaches the agent's inbox without a reload
		assertThat(console.locator("#inbox tbody tr[data-id]")).hasCount(1);
		console.locator("#inbox tbody tr[data-id] a").click();
		assertThat(console.locator("#thread")).containsText("Is the red lamp in stock? " + XSS);
		assertThat(console.locator("#conversation-assignee")).hasText("Lia Agent");
		assertThat(console.evaluate("() => window.__xss === undefined")).isEqualTo(true);
		assertThat(console.locator("#customer-identifiers")).containsText("anonymous_id");

		console.locator("#reply-body").fill("Yes, three are left. <b>Shall I keep one?</b>");
		console.locator("#reply-send").click();
		assertThat(console.locator("#reply-body")).hasValue("");
		assertThat(shop.locator("#omnis-chat-log")).containsText("Yes, three are left. <b>Shall I keep one?</b>");
		assertThat(shop.locator("#omnis-chat-log .OUT .who")).hasText("Lia Agent");

		shop.locator("#omnis-chat-email").fill("marta-" + UUID.randomUUID() + "@example.com");
		shop.locator("#omnis-chat-text").fill("Yes please, keep one for me");
		shop.locator("#omnis-chat-send").click();
		assertThat(console.locator("#thread")).containsText("Yes please, keep one for me");

		console.locator("#reply-private").check();
		console.locator("#reply-body").fill("She will pick it up tomorrow");
		console.locator("#reply-send").click();
		assertThat(console.locator("#thread .note")).containsText("She will pick it up tomorrow");
		assertThat(shop.evaluate("() => window.__xss === undefined")).isEqualTo(true);
		assertThat(shop.locator("#omnis-chat-log")).not().containsText("She will pick it up tomorrow");
		// The customer's identifiers, however long, stay inside their card
		console.reload();
		assertThat(console.locator("#customer-identifiers")).containsText("email");
		assertThat(console.evaluate("""
				() => document.querySelector('#customer-identifiers').getBoundingClientRect().right
				      <= document.querySelector('#customer').getBoundingClientRect().right""")).as("inside its card")
			.isEqualTo(true);
		console.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "conversation.png"))
			.setFullPage(true));
		shop.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "chat-widget.png")));

		// The widget chatted as the browser's analytics anonymous id
		String anonymousId = (String) shop.evaluate("() => JSON.parse(localStorage.getItem('ajs_anonymous_id'))");
		assertThat(profiles.lookup(new Identifier("anonymous_id", anonymousId))).isPresent();

		// Omnis tells her on its own that her order is ready: the agent sees it in her
		// thread without a reload, as an automated message with its delivery
		notices.send(profiles.lookup(new Identifier("anonymous_id", anonymousId)).orElseThrow().id(), "pickup.ready",
				"ord_browser", "Your order is ready to collect", "Your pickup code: B7K9M2QX");
		assertThat(console.locator("#thread .message:has-text('B7K9M2QX') .badge.delivery")).isVisible();
		assertThat(console.locator("#thread .message:has-text('B7K9M2QX')")).containsText("automated");
		assertThat(console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resolve"))).isVisible();
		agentBrowser.close();
		visitorBrowser.close();
		site.stop(0);
	}

	/**
	 * The shop's own site, another origin on this machine, which only adds the script
	 * tag.
	 */
	private HttpServer shopSite(String writeKey) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			byte[] page = ("<!doctype html><html><head><title>Lamps</title></head><body><h1>Lamps</h1>"
					+ "<script src=\"" + url("/chat/widget.js?channel=") + writeKey + "\"></script></body></html>")
				.getBytes(StandardCharsets.UTF_8);
			server.createContext("/lamps.html", exchange -> {
				exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
				exchange.sendResponseHeaders(200, page.length);
				exchange.getResponseBody().write(page);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
