package io.omnis.knowledge.internal;

import java.util.Locale;
import java.util.Map;

/**
 * The PostgreSQL text-search configuration for a locale: stemming and stop words of its
 * language, or {@code simple} for languages PostgreSQL has none for.
 */
public final class SearchLanguage {

	private static final Map<String, String> CONFIGS = Map.ofEntries(Map.entry("ar", "arabic"),
			Map.entry("da", "danish"), Map.entry("de", "german"), Map.entry("el", "greek"), Map.entry("en", "english"),
			Map.entry("es", "spanish"), Map.entry("fi", "finnish"), Map.entry("fr", "french"),
			Map.entry("hu", "hungarian"), Map.entry("it", "italian"), Map.entry("nl", "dutch"),
			Map.entry("nb", "norwegian"), Map.entry("no", "norwegian"), Map.entry("pt", "portuguese"),
			Map.entry("ro", "romanian"), Map.entry("ru", "russian"), Map.entry("sv", "swedish"),
			Map.entry("tr", "turkish"));

	private SearchLanguage() {
	}

	public static String of(String locale) {
		String language = locale.split("[-_]")[0].toLowerCase(Locale.ROOT);
		return CONFIGS.getOrDefault(language, "simple");
	}

}
