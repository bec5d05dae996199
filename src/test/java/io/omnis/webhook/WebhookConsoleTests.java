package io.omnis.webhook;

import java.net.http.HttpRequest.BodyPublishers;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.omnis.Answer;
import io.omnis.Caller;
import io.omnis.RunningOmnis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator subscribes a URL from the console, copies its signing secret once,
 * turns the subscription off and deletes it; a refused URL is said on the form and stores
 * nothing.
 */
class WebhookConsoleTests extends RunningOmnis {

	@Test
	void anAdministratorSubscribesAUrlSeesItsSecretOnceTurnsItOffAndDeletesIt() {
		Caller admin = console(signIn("admin", ADMIN_PASSWORD));
		long before = subscriptions();

		Answer refused = form(admin, "/console/webhooks", "url=ftp%3A%2F%2Fexample.com%2Fhooks");
		assertThat(refused.status()).isEqualTo(200);
		assertThat(Jsoup.parse(refused.text()).select("#webhook-error").text()).contains("url");
		assertThat(subscriptions()).isEqualTo(before);

		String url = "https://hooks.example.com/" + unique("crm").replaceAll("[^a-z0-9]", "");
		Answer created = form(admin, "/console/webhooks",
				"url=" + java.net.URLEncoder.encode(url, java.nio.charset.StandardCharsets.UTF_8)
						+ "&description=CRM&eventTypes=message.received&eventTypes=conversation.opened");
		assertThat(created.status()).isEqualTo(302);
		String page = created.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
		assertThat(page).matches("/console/webhooks/whk_[0-9a-z]+");
		String id = page.substring(page.lastIndexOf('/') + 1);
		assertThat(jdbc
			.sql("select url || ' ' || array_to_string(event_types, ',') || ' ' || enabled"
					+ " from webhook_subscription where id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo(url + " message.received,conversation.opened true");

		Document first = Jsoup.parse(admin.get(page).text());
		assertThat(first.select("#webhook-secret code.secret").text())
			.isEqualTo(jdbc.sql("select secret from webhook_subscription where id = ?")
				.param(id)
				.query(String.class)
				.single());
		Document again = Jsoup.parse(admin.get(page).text());
		assertThat(again.select("#webhook-secret")).isEmpty();
		assertThat(again.select("#webhook-state").text()).isEqualTo("enabled");

		assertThat(form(admin, page + "/enabled", "enabled=false").status()).isEqualTo(302);
		assertThat(Jsoup.parse(admin.get(page).text()).select("#webhook-state").text()).isEqualTo("disabled");
		assertThat(jdbc.sql("select enabled from webhook_subscription where id = ?")
			.param(id)
			.query(Boolean.class)
			.single()).isFalse();

		assertThat(form(admin, page + "/delete", "").status()).isEqualTo(302);
		assertThat(subscriptions()).isEqualTo(before);
	}

	private long subscriptions() {
		return jdbc.sql("select count(*) from webhook_subscription").query(Long.class).single();
	}

	private static Answer form(Caller console, String path, String body) {
		return console.send("POST", path, BodyPublishers.ofString(body), "Content-Type",
				"application/x-www-form-urlencoded");
	}

}
