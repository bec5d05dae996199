package io.omnis.conversation.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.Caller;
import io.omnis.Poll;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.console.web.ChromiumBrowser;
import io.omnis.conversation.Agents;
import io.omnis.conversation.Presence;
import io.omnis.conversation.Teams;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profiles;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.security.Role;
import io.omnis.staff.Staff;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent in Chromium finds a conversation of her team under "My teams", inserts a
 * canned reply filled with the customer's name (markup in it stays text), tags the
 * conversation and filters the inbox by the tag, and sees a mention arrive live.
 */
class TeamConsoleBrowserTests extends RunningOmnis {

	private static final String XSS_NAME = "Zoé<img src=x onerror=\"window.__xss=1\">";

	@RegisterExtension
	static final ChromiumBrowser chromium = new ChromiumBrowser();

	@Autowired
	Staff staff;

	@Autowired
	Agents agents;

	@Autowired
	Teams teams;

	@Autowired
	Profiles profiles;

	@BeforeEach
	void noRulesAndNoOneOnline() {
		jdbc.sql("delete from conversation_routing_rule").update();
		// in staff order, as routing locks agents, so that the two never deadlock
		jdbc.sql("""
				update agent set presence = 'OFFLINE'
				 where staff_id in (select staff_id from agent order by staff_id for update)""").update();
	}

	@Test
	void anAgentWorksHerTeamsQueueWithCannedRepliesTagsAndMentions() {
		String username = "tia-" + UUID.randomUUID().toString().substring(0, 8);
		staff.create(username, "Tia Agent", Role.AGENT, "tia-agent-password");
		String tia = agents.presenceOf(username, Presence.OFFLINE).staffId();
		String colleague = "ugo-" + UUID.randomUUID().toString().substring(0, 8);
		staff.create(colleague, "Ugo Agent", Role.AGENT, "ugo-agent-password");
		agents.presenceOf(colleague, Presence.OFFLINE);
		String teamName = unique("Lamps");
		String team = teams.create(teamName, java.util.List.of(tia)).id();
		teams.addRule(null, null, null, "lamps", java.util.List.of("lamp"), null, team, null, null);
		Caller manager = withScopes(Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_MANAGE);
		String title = unique("Lamp answer");
		manager
			.post("/api/v1/conversations/canned-replies",
					"{\"title\":\"" + title + "\",\"teamId\":\"" + team
							+ "\",\"body\":\"Hello {{customer.firstName}}, {{agent.name}} here.\"}")
			.expect(201);

		// A customer whose first name carries markup writes about a lamp
		String email = "zoe-" + UUID.randomUUID() + "@example.com";
		var web = channels.create(ChannelType.WEB, unique("Web"), null, Set.of());
		anonymous()
			.send("POST", "/v1/identify",
					java.net.http.HttpRequest.BodyPublishers.ofString("{\"userId\":\"u-" + UUID.randomUUID()
							+ "\",\"messageId\":\"m-" + UUID.randomUUID() + "\",\"traits\":{\"email\":\"" + email
							+ "\",\"firstName\":" + io.omnis.Http.JSON.writeValueAsString(XSS_NAME) + "}}"),
					"Authorization",
					"Basic " + java.util.Base64.getEncoder()
						.encodeToString((writeKeyOf(web) + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8)),
					"Content-Type", "application/json")
			.expect(200);
		Poll.until(Duration.ofSeconds(20), () -> profiles.lookup(new Identifier("email", email)), p -> p.isPresent());
		String conversation = bearer(
				secretOf(channels.create(ChannelType.SMS, unique("SMS"), null, Set.of(Permission.CONVERSATIONS_WRITE))))
			.post("/api/v1/conversations/inbound/messages",
					"{\"from\":{\"email\":\"" + email + "\"},\"text\":\"My lamp flickers\"}")
			.expect(201)
			.path("conversationId")
			.asString();

		BrowserContext context = chromium.browser().newContext();
		Page page = context.newPage();
		page.navigate(url("/console/conversations"));
		page.locator("input[name=username]").fill(username);
		page.locator("input[name=password]").fill("tia-agent-password");
		page.locator("button[type=submit]").click();
		page.navigate(url("/console/conversations?view=teams"));
		assertThat(page.locator("#tag-filter")).containsText(teamName);
		assertThat(page.locator("#inbox tbody tr[data-id='" + conversation + "']")).hasCount(1);
		page.locator("#inbox tbody tr[data-id='" + conversation + "'] a").click();

		assertThat(page.locator("#queue-team")).hasText(teamName);
		page.locator("#canned-select")
			.selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(title));
		page.locator("#canned-insert").click();
		assertThat(page.locator("#reply-body")).hasValue("Hello " + XSS_NAME + ", Tia Agent here.");
		assertThat(page.evaluate("() => window.__xss === undefined")).isEqualTo(true);
		page.locator("#reply-private").check();
		page.locator("#reply-send").click();
		assertThat(page.locator("#thread .note")).containsText("Hello " + XSS_NAME + ", Tia Agent here.");
		assertThat(page.evaluate("() => window.__xss === undefined")).isEqualTo(true);

		String tag = "flicker-" + UUID.randomUUID().toString().substring(0, 6);
		page.locator("#tag-input").fill(tag);
		page.locator("#tag-add").click();
		assertThat(page.locator("#tag-list")).containsText(tag);
		page.locator("#tag-list a").first().click();
		assertThat(page.locator("#inbox tbody tr[data-id]")).hasCount(1);
		assertThat(page.locator("#inbox tbody tr[data-id='" + conversation + "']")).hasCount(1);

		// Ugo mentions her in a note: her open inbox shows it without a reload
		BrowserContext other = chromium.browser().newContext();
		Page ugo = other.newPage();
		ugo.navigate(url("/console/conversations/" + conversation));
		ugo.locator("input[name=username]").fill(colleague);
		ugo.locator("input[name=password]").fill("ugo-agent-password");
		ugo.locator("button[type=submit]").click();
		ugo.navigate(url("/console/conversations/" + conversation));
		ugo.locator("#reply-private").check();
		ugo.locator("#reply-body").fill("@" + username + " the customer sent a video");
		ugo.locator("#reply-send").click();
		assertThat(ugo.locator("#thread .note").last()).containsText("the customer sent a video");
		assertThat(page.locator("#unread-mentions")).hasText("1 unread mention");
		page.locator("#unread-mentions").click();
		assertThat(page.locator("#mentions")).containsText("the customer sent a video");
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "mentions.png")));
		context.close();
		other.close();
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
