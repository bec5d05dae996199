package io.omnis.console.web;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.RunningOmnis;
import io.omnis.channel.ChannelType;

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
	void aRedirectAfterAFormCarriesNoPageModelInItsAddress() {
		Caller admin = console(signIn("admin", ADMIN_PASSWORD));
		String id = channels.create(ChannelType.KIOSK, unique("Redirect"), null, Set.of()).channel().id().value();

		Answer redirect = admin.send("POST", "/console/channels/" + id + "/disable", BodyPublishers.noBody());

		assertThat(redirect.status()).isEqualTo(302);
		assertThat(redirect.header("Location")).endsWith("/console/channels/" + id);
	}

}
