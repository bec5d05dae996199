package io.omnis.catalog.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.omnis.catalog.Image;
import io.omnis.kernel.problem.ProblemException;

/**
 * The rules every catalog field follows, wherever it comes from (the API, a CSV or JSON
 * import): each refusal names the field and says what it must be.
 */
public final class Fields {

	public static final int MAX_TITLE = 200;

	public static final int MAX_DESCRIPTION = 5000;

	public static final String DEFAULT_TAX_CATEGORY = "standard";

	private static final Pattern HANDLE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9_-]*");

	private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");

	private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

	private static final java.util.Set<String> COUNTRIES = java.util.Set.of(Locale.getISOCountries());

	private Fields() {
	}

	public static String handle(@Nullable String value, String field) {
		String handle = required(value, field).strip();
		if (handle.length() > 100 || !HANDLE.matcher(handle).matches()) {
			throw ProblemException.invalidField(field,
					"must be 1 to 100 lower-case letters and digits in words joined by '-'");
		}
		return handle;
	}

	public static String title(@Nullable String value, String field) {
		return line(required(value, field), field, MAX_TITLE);
	}

	/** A one-line text of 1 to {@code max} printable characters, stripped. */
	public static String line(String value, String field, int max) {
		String text = value.strip();
		if (text.isEmpty() || text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
			throw ProblemException.invalidField(field, "must be 1 to " + max + " printable characters on one line");
		}
		return text;
	}

	/** Plain text: stored as written (never as HTML), line breaks and tabs allowed. */
	public static String description(@Nullable String value, String field) {
		if (value == null) {
			return "";
		}
		String text = value.strip();
		if (text.length() > MAX_DESCRIPTION
				|| text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
			throw ProblemException.invalidField(field,
					"must be plain text of at most " + MAX_DESCRIPTION + " characters");
		}
		return text;
	}

	public static String sku(@Nullable String value, String field) {
		String sku = required(value, field).strip();
		if (sku.length() > 64 || !SKU.matcher(sku).matches()) {
			throw ProblemException.invalidField(field,
					"must be 1 to 64 letters, digits and . _ - starting with a letter or digit");
		}
		return sku;
	}

	public static @Nullable String barcode(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String code = value.strip();
		if (!Gtin.isValid(code)) {
			throw ProblemException.invalidField(field, "must be a GTIN-8, -12, -13 or -14 with a correct check digit");
		}
		return code;
	}

	public static String taxCategory(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			return DEFAULT_TAX_CATEGORY;
		}
		String category = value.strip();
		if (category.length() > 40 || !CATEGORY.matcher(category).matches()) {
			throw ProblemException.invalidField(field, "must be 1 to 40 lower-case letters, digits, '_' and '-'");
		}
		return category;
	}

	public static @Nullable Integer weight(@Nullable Integer grams, String field) {
		if (grams != null && (grams < 0 || grams > 10_000_000)) {
			throw ProblemException.invalidField(field, "must be between 0 and 10000000 grams");
		}
		return grams;
	}

	public static Map<String, String> options(@Nullable Map<String, String> options, String field) {
		if (options == null) {
			return Map.of();
		}
		if (options.size() > 10) {
			throw ProblemException.invalidField(field, "must have at most 10 options");
		}
		Map<String, String> checked = new LinkedHashMap<>();
		options.forEach((name, value) -> checked.put(line(name, field + "." + name, 40),
				line(required(value, field + "." + name), field + "." + name, 100)));
		return checked;
	}

	/** A flat object of strings, numbers and booleans. */
	public static Map<String, Object> attributes(@Nullable Map<String, Object> attributes, String field) {
		if (attributes == null) {
			return Map.of();
		}
		if (attributes.size() > 50) {
			throw ProblemException.invalidField(field, "must have at most 50 attributes");
		}
		Map<String, Object> checked = new LinkedHashMap<>();
		attributes.forEach((name, value) -> {
			String path = field + "." + name;
			String key = line(name, path, 60);
			if (value instanceof String text) {
				checked.put(key, line(text, path, 500));
			}
			else if (value instanceof Number || value instanceof Boolean) {
				checked.put(key, value);
			}
			else {
				throw ProblemException.invalidField(path, "must be a string, a number or true or false");
			}
		});
		return checked;
	}

	public static List<Image> images(@Nullable List<Image> images, String field) {
		if (images == null) {
			return List.of();
		}
		if (images.size() > 20) {
			throw ProblemException.invalidField(field, "must have at most 20 images");
		}
		for (int i = 0; i < images.size(); i++) {
			Image image = images.get(i);
			if (image == null) {
				throw ProblemException.invalidField(field + "[" + i + "]", "must be an image");
			}
			url(image.url(), field + "[" + i + "].url");
			if (image.alt() != null && image.alt().length() > 300) {
				throw ProblemException.invalidField(field + "[" + i + "].alt", "must be at most 300 characters");
			}
		}
		return images.stream()
			.map(image -> new Image(image.url().strip(), image.alt() == null ? "" : image.alt().strip()))
			.toList();
	}

	public static String locale(@Nullable String value, String field) {
		String locale = required(value, field).strip();
		if (!LOCALE.matcher(locale).matches()) {
			throw ProblemException.invalidField(field, "must be a language tag such as 'en' or 'pt-PT'");
		}
		return Locale.forLanguageTag(locale).toLanguageTag();
	}

	public static String country(@Nullable String value, String field) {
		String country = required(value, field).strip().toUpperCase(Locale.ROOT);
		if (!COUNTRY.matcher(country).matches() || !COUNTRIES.contains(country)) {
			throw ProblemException.invalidField(field, "must be an ISO 3166-1 alpha-2 country code such as 'PT'");
		}
		return country;
	}

	public static <T> T required(@Nullable T value, String field) {
		if (value == null) {
			throw ProblemException.invalidField(field, "is required");
		}
		return value;
	}

	private static void url(@Nullable String value, String field) {
		String url = required(value, field).strip();
		try {
			URI uri = new URI(url);
			if (url.length() > 2000 || uri.getHost() == null
					|| !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
				throw new URISyntaxException(url, "not http");
			}
		}
		catch (URISyntaxException ex) {
			throw ProblemException.invalidField(field, "must be an absolute http or https URL");
		}
	}

}
