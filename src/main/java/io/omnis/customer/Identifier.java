package io.omnis.customer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An identifier of a person: a type ({@code email}, {@code user_id},
 * {@code loyalty_card}…) and a normalised value; written {@code type:value}.
 */
public record Identifier(String type, String value) {

	private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,39}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

	private static final Pattern NOT_TYPE = Pattern.compile("[^a-z0-9]+");

	private static final String EDGES = "^_+|_+$";

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

	public Identifier {
		if (!TYPE.matcher(type).matches() || value.isEmpty() || value.length() > 255) {
			throw new IllegalArgumentException("Not an identifier: " + type + ":" + value);
		}
	}

	/**
	 * The identifier with its value normalised for its type (e-mail lower-cased, phone in
	 * E.164), or empty when the value is not one of that type.
	 */
	public static Optional<Identifier> normalised(String type, String raw) {
		String t = normaliseType(type);
		String value = raw.strip();
		if (t.isEmpty() || value.isEmpty() || value.length() > 255) {
			return Optional.empty();
		}
		if (t.equals("email")) {
			value = value.toLowerCase(Locale.ROOT);
			if (!EMAIL.matcher(value).matches()) {
				return Optional.empty();
			}
		}
		else if (t.equals("phone") || t.endsWith("_phone") || t.equals("whatsapp")) {
			value = phone(value);
			if (!E164.matcher(value).matches()) {
				return Optional.empty();
			}
		}
		// Lower-casing can lengthen a value ("İ" becomes two characters)
		return TYPE.matcher(t).matches() && value.length() <= 255 ? Optional.of(new Identifier(t, value))
				: Optional.empty();
	}

	/** Parses {@code type:value}, normalising the value. */
	public static Optional<Identifier> parse(String text) {
		int colon = text.indexOf(':');
		return colon <= 0 ? Optional.empty() : normalised(text.substring(0, colon), text.substring(colon + 1));
	}

	static String normaliseType(String type) {
		// Resolution normalises every identifier of every event: the usual, already
		// normal type ("user_id", "email") skips the two regular expressions
		String t = isNormal(type) ? type
				: NOT_TYPE.matcher(type.strip().toLowerCase(Locale.ROOT)).replaceAll("_").replaceAll(EDGES, "");
		return switch (t) {
			case "userid", "user" -> "user_id";
			case "anonymousid" -> "anonymous_id";
			case "e_mail", "mail" -> "email";
			default -> t;
		};
	}

	private static boolean isNormal(String type) {
		if (type.isEmpty() || type.charAt(0) == '_' || type.charAt(type.length() - 1) == '_') {
			return false;
		}
		for (int i = 0; i < type.length(); i++) {
			char c = type.charAt(i);
			if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' && type.charAt(i - 1) != '_')) {
				return false;
			}
		}
		return true;
	}

	static String phone(String raw) {
		String digits = raw.replaceAll("[\\s().\\-/]", "");
		if (digits.startsWith("00")) {
			digits = "+" + digits.substring(2);
		}
		return digits;
	}

	@Override
	public String toString() {
		return type + ":" + value;
	}

}
