package io.omnis.console.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless Chromium for a test class, launched before its first test and closed after
 * its last: {@code @RegisterExtension static final ChromiumBrowser chromium = new
 * ChromiumBrowser();}, then {@code chromium.browser().newContext()} in each test.
 */
public final class ChromiumBrowser implements BeforeAllCallback, AfterAllCallback {

	private Playwright playwright;

	private Browser browser;

	@Override
	public void beforeAll(ExtensionContext context) {
		playwright = Chromium.playwright();
		browser = Chromium.launch(playwright);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		browser.close();
		playwright.close();
	}

	public Browser browser() {
		return browser;
	}

}
