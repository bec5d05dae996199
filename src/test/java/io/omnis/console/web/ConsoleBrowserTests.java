package io.omnis.console.web;

import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.omnis.RunningOmnis;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser, as an administrator uses it.
 */
class ConsoleBrowserTests extends RunningOmnis {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	@RegisterExtension
	static final ChromiumBrowser chromium = new ChromiumBrowser();

	private BrowserContext context;

	private Page page;

	@BeforeEach
	void openAWindow() {
		context = chromium.browser().newContext();
		page = context.newPage();
	}

	@AfterEach
	void closeTheWindow() {
		context.close();
	}

	/**
	 * The console as a browser reaches it: localhost, which Chromium treats as secure.
	 */
	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	@Test
	void anAdministratorCreatesAChannelSeesItsKeysOnceDisablesItAndSignsOut() {
		signIn();
		String name = unique("Lisbon Chiado");

		page.navigate(url("/console/channels"));
		page.locator("#new-channel select[name=type]").selectOption("STORE");
		page.locator("#new-channel input[name=name]").fill(name);
		page.locator("#new-channel input[name=description]").fill("Rua Garrett 12");
		page.locator("#new-channel button[type=submit]").click();

		assertThat(page.locator("h1")).hasText(name);
		assertThat(page.locator("#issued-keys code.secret")).hasCount(2);
		List<String> secrets = page.locator("#issued-keys code.secret").allTextContents();
		assertThat(secrets.get(0)).startsWith("wk_");
		assertThat(secrets.get(1)).startsWith("sk_");
		assertThat(page.url()).matches(url("/console/channels/chn_[0-9a-z]{26}"));

		page.reload();
		assertThat(page.locator("h1")).hasText(name);
		assertThat(page.locator("#issued-keys")).hasCount(0);
		assertThat(page.content()).doesNotContain(secrets.get(0)).doesNotContain(secrets.get(1));
		String channelPage = page.url();
		page.goBack();
		assertThat(page).hasURL(url("/console/channels"));
		page.goForward();
		assertThat(page).hasURL(channelPage);
		assertThat(page.locator("#issued-keys")).hasCount(0);
		assertThat(page.content()).doesNotContain(secrets.get(1));
		assertThat(jdbc.sql("select count(*) from channel where name = :name")
			.param("name", name)
			.query(Integer.class)
			.single()).as("channels created by the form").isEqualTo(1);

		page.locator("#disable-channel").click();
		assertThat(page.locator("#channel-status")).hasText("DISABLED");
		page.reload();
		assertThat(page.locator("#channel-status")).hasText("DISABLED");

		page.navigate(url("/console"));
		assertThat(page.locator("h1")).hasText("Welcome, admin");
		assertThat(page.locator("#home-channels")).isVisible();
		page.screenshot(
				new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-home.png")).setFullPage(true));

		page.getByText("Sign out").click();
		assertThat(page).hasURL(url("/login?logout"));
		page.navigate(url("/console"));
		assertThat(page).hasURL(url("/login"));
	}

	@Test
	void aWrongPasswordKeepsTheUserOnTheLoginPage() {
		page.navigate(url("/console"));
		page.locator("input[name=username]").fill("admin");
		page.locator("input[name=password]").fill("not the password");
		page.locator("button[type=submit]").click();

		assertThat(page).hasURL(url("/login?error"));
		assertThat(page.locator(".alert.error")).isVisible();
	}

	@Test
	void aConsoleAddressThatDoesNotExistShowsTheErrorPageNotJson() {
		signIn();

		for (String path : List.of("/console/no-such-page", "/console/channels/chn_01jd4k7q8m3v5x6y7z8a9b0c1d",
				"/console/channels/not-an-id")) {
			Response response = page.navigate(url(path));

			assertThat(response.status()).as(path).isEqualTo(404);
			assertThat(response.headerValue("content-type")).as(path).startsWith("text/html");
			assertThat(page.locator("h1")).containsText("404");
			assertThat(page.content()).doesNotContain("\"type\"");
		}
	}

	@Test
	void aNameTheFormRefusesIsExplainedOnThePage() {
		signIn();
		long before = channelCount();

		page.navigate(url("/console/channels"));
		page.locator("#new-channel input[name=name]").fill("   ");
		page.locator("#new-channel button[type=submit]").click();

		assertThat(page.locator(".alert.error")).containsText("name");
		assertThat(channelCount()).isEqualTo(before);
	}

	private void signIn() {
		page.navigate(url("/console"));
		assertThat(page).hasURL(url("/login"));
		page.locator("input[name=username]").fill("admin");
		page.locator("input[name=password]").fill(ADMIN_PASSWORD);
		page.locator("button[type=submit]").click();
		assertThat(page).hasURL(url("/console"));
	}

}
