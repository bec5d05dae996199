package io.omnis.console.web;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium driven by Playwright, which must never download a browser of its own.
 */
public final class Chromium {

	static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

	private Chromium() {
	}

	public static Playwright playwright(Map<String, String> environment) {
		return Playwright.create(new Playwright.CreateOptions().setEnv(environment));
	}

	public static Playwright playwright() {
		return playwright(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
	}

	public static Browser launch(Playwright playwright) {
		return playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE)
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
						"--disable-component-update", "--disable-sync", "--no-first-run")));
	}

}
