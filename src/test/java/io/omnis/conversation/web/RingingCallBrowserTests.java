package io.omnis.conversation.web;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Poll;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.console.web.ChromiumBrowser;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profiles;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.security.Role;
import io.omnis.staff.Staff;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * While a customer's call rings, the agent's inbox, already open in Chromium, shows who
 * is calling with her customer 360, without a reload; the 360 is one click away.
 */
class RingingCallBrowserTests extends RunningOmnis {

	private static final String XSS = "<img src=x onerror=window.__xss=1>";

	@RegisterExtension
	static final ChromiumBrowser chromium = new ChromiumBrowser();

	@Autowired
	Staff staff;

	@Autowired
	Profiles profiles;

	@Test
	void aRingingCallShowsTheCallersCustomer360OnTheAgentsScreen() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String phone = "+1555" + (1000000 + Math.abs(suffix.hashCode() % 8999999));
		String email = "lena-" + suffix + "@example.com";
		Channels.Created web = channels.create(ChannelType.WEB, unique("Shop"), null, Set.of());
		String writeKey = web.keys()
			.stream()
			.filter(k -> k.key().kind().name().equals("WRITE"))
			.findFirst()
			.orElseThrow()
			.secret();
		anonymous()
			.send("POST", "/v1/batch",
					BodyPublishers.ofString("{\"batch\":[{\"type\":\"identify\"," + "\"userId\":\"u-" + suffix
							+ "\",\"messageId\":\"m-" + suffix + "\",\"traits\":{\"email\":\"" + email
							+ "\",\"phone\":\"" + phone + "\",\"name\":\"Lena " + XSS + "\"}}]}"),
					"Authorization",
					"Basic " + java.util.Base64.getEncoder().encodeToString((writeKey + ":").getBytes()),
					"Content-Type", "application/json")
			.expect(200);
		Poll.until(Duration.ofSeconds(20), () -> profiles.lookup(new Identifier("phone", phone)), p -> p.isPresent());
		String profileId = profiles.lookup(new Identifier("phone", phone)).orElseThrow().id();

		String username = "noa-" + suffix;
		staff.create(username, "Noa Agent", Role.AGENT, "noa-agent-password");
		BrowserContext context = chromium.browser().newContext();
		Page console = context.newPage();
		console.navigate(url("/console/conversations"));
		console.locator("input[name=username]").fill(username);
		console.locator("input[name=password]").fill("noa-agent-password");
		console.locator("button[type=submit]").click();
		console.navigate(url("/console/conversations"));
		assertThat(console.locator("#inbox")).isVisible();
		assertThat(console.locator("#calls .call").filter(new Locator.FilterOptions().setHasText(phone))).hasCount(0);

		String callId = "CA" + suffix;
		bearer(secretOf(channels.create(ChannelType.CALL_CENTER, unique("Telephony"), null,
				Set.of(Permission.CONVERSATIONS_WRITE))))
			.post("/api/v1/calls/" + callId + "/events", "{\"type\":\"ringing\",\"from\":\"" + phone + "\"}")
			.expect(200);

		// Other tests' calls may ring in the same database: this one is hers
		Locator call = console.locator("#calls .call[data-status=RINGING]")
			.filter(new Locator.FilterOptions().setHasText(phone));
		assertThat(call).hasCount(1);
		assertThat(call).containsText("Ringing");
		assertThat(call).containsText("Lena " + XSS);
		assertThat(call.locator(".call-identifiers")).containsText(email);
		assertThat(call.locator(".call-identifiers")).containsText(phone);
		org.assertj.core.api.Assertions.assertThat(console.evaluate("() => window.__xss === undefined"))
			.isEqualTo(true);
		console.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "ringing-call.png"))
			.setFullPage(true));

		call.locator("a.call-profile").click();
		console.waitForURL("**/console/customers/" + profileId);
		assertThat(console.locator("body")).containsText(email);
		context.close();
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
