package io.omnis.knowledge.internal;

import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * Article bodies are written as HTML by staff and shown to anyone: only formatting,
 * lists, tables, links and images over http(s) survive; scripts, styles, event handlers
 * and {@code javascript:} links are removed before the body is stored.
 */
public final class ArticleHtml {

	private static final Safelist ALLOWED = Safelist.relaxed()
		.addAttributes("a", "rel")
		.addEnforcedAttribute("a", "rel", "nofollow noopener")
		.removeProtocols("img", "src", "http");

	private ArticleHtml() {
	}

	public static String sanitised(String html) {
		return Jsoup.clean(html, ALLOWED);
	}

	public static String text(String html) {
		return Jsoup.parse(html).text();
	}

}
