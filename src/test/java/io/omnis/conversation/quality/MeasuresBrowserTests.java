package io.omnis.conversation.quality;

import java.nio.file.Path;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Test;

import io.omnis.RunningOmnis;
import io.omnis.console.web.Chromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service-quality page in Chromium: the Chart.js chart is drawn from the WebJar under
 * the console's content security policy.
 */
class MeasuresBrowserTests extends RunningOmnis {

	@Test
	void theServiceQualityChartIsDrawn() {
		try (Playwright playwright = Chromium.playwright(); Browser browser = Chromium.launch(playwright)) {
			Page page = browser.newPage();
			page.navigate(base() + "/console/conversation-measures");
			page.locator("input[name=username]").fill("admin");
			page.locator("input[name=password]").fill(ADMIN_PASSWORD);
			page.locator("button[type=submit]").click();
			page.navigate(base() + "/console/conversation-measures");
			page.waitForFunction("() => window.Chart && Chart.getChart(document.getElementById('measures-chart'))");
			assertThat(page
				.evaluate("() => Chart.getChart(document.getElementById('measures-chart')).data.datasets.length"))
				.isEqualTo(2);
			assertThat(page.locator("#measures").textContent()).contains("First-contact resolution");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "service-quality.png")));
		}
	}

}
