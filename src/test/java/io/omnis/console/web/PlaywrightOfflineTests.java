package io.omnis.console.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Playwright runs its node driver from the driver-bundle jar and drives the system's
 * Chromium, without downloading anything: the build machines have no internet.
 */
class PlaywrightOfflineTests {

	@Test
	void theBuildTellsPlaywrightNeverToDownloadABrowser() {
		assertThat(System.getenv("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD")).isEqualTo("1");
	}

	@Test
	void theDriverFromTheJarDrivesTheSystemChromiumAndDownloadsNothing(@TempDir Path browsers) throws IOException {
		try (Playwright playwright = Chromium.playwright(
				Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "PLAYWRIGHT_BROWSERS_PATH", browsers.toString()));
				Browser browser = Chromium.launch(playwright)) {
			Page page = browser.newPage();
			page.setContent("<p id=answer>offline</p>");

			assertThat(page.locator("#answer").textContent()).isEqualTo("offline");
			assertThat(browser.version()).isNotBlank();
		}
		try (Stream<Path> downloaded = Files.list(browsers)) {
			assertThat(downloaded).as("browsers Playwright downloaded").isEmpty();
		}
	}

}
