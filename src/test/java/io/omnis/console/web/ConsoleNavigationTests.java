package io.omnis.console.web;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;
import io.omnis.kernel.security.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every console page shows who is signed in and the navigation, with the current section
 * marked, whichever module renders it; a redirect carries none of it in its address.
 */
class ConsoleNavigationTests extends RunningOmnis {

	private static final Pattern ACTIVE_CHANNELS = Pattern.compile(
			"<a[^>]*href=\"/console/channels\"[^>]*class=\"active\"|<a[^>]*class=\"active\"[^>]*href=\"/console/channels\"");

	@Test
	void aPageOfAModuleShowsTheUserAndTheNavigationWithItsSectionMarked() {
		Caller admin = console(signIn("admin", ADMIN_PASSWORD));
		String id = channels.create(ChannelType.KIOSK, unique("Navigation"), null, Set.of()).channel().id().value();

		Answer page = admin.get("/console/channels/" + id);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.text()).contains("<span class=\"who\">admin</span>")
			.contains("href=\"/console/customers\"")
			.containsPattern(ACTIVE_CHANNELS);
	}

	@Test
	void aPageUnderAnotherPathMarksTheSectionItBelongsTo() {
		Caller admin = console(signIn("admin", ADMIN_PASSWORD));
		Caller api = bearer(secretOf(channels.create(ChannelType.WEB, unique("Navigation shop"), null,
				EnumSet.of(Permission.INVENTORY_MANAGE))));
		String store = api
			.post("/api/v1/locations",
					"""
							{"name": "%s", "type": "STORE", "address": {"line1": "Rua Augusta 1", "city": "Lisboa", "country": "PT"},
							 "coordinates": {"latitude": 38.71, "longitude": -9.14}, "timeZone": "Europe/Lisbon"}"""
						.formatted(unique("Navigation store")))
			.expect(201)
			.path("id")
			.asString();

		// A store's work queue is Inventory's (the longest prefix it has is Home's)
		assertThat(active(admin.get("/console/stores/" + store + "/work"))).containsExactly("/console/inventory");
		assertThat(active(admin.get("/console"))).containsExactly("/console");
	}

	/** The paths of the menu entries marked active on a page. */
	private static List<String> active(Answer page) {
		assertThat(page.status()).isEqualTo(200);
		return Pattern.compile("<a href=\"([^\"]+)\" class=\"active\"")
			.matcher(page.text())
			.results()
			.map(match -> match.group(1))
			.toList();
	}

	@Test
	void aRedirectAfterAFormCarriesNoPageModelInItsAddress() {
		Caller admin = console(signIn("admin", ADMIN_PASSWORD));
		String id = channels.create(ChannelType.KIOSK, unique("Redirect"), null, Set.of()).channel().id().value();

		Answer redirect = admin.send("POST", "/console/channels/" + id + "/disable", BodyPublishers.noBody());

		assertThat(redirect.status()).isEqualTo(302);
		assertThat(redirect.header("Location")).endsWith("/console/channels/" + id);
	}

}
