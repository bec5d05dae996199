package io.omnis.inventory;

/**
 * A stock keeping unit as the organisation writes it: 1 to 64 printable characters,
 * without surrounding spaces. (The catalog will own SKUs; until then any such code is
 * one.)
 */
public record Sku(String value) implements Comparable<Sku> {

	public static final int MAX_LENGTH = 64;

	public Sku {
		if (!isValid(value)) {
			throw new IllegalArgumentException(
					"A SKU is 1 to " + MAX_LENGTH + " printable characters without surrounding spaces");
		}
	}

	public static boolean isValid(String value) {
		int length = value.length();
		if (length == 0 || length > MAX_LENGTH || Character.isWhitespace(value.codePointAt(0))
				|| Character.isWhitespace(value.codePointBefore(length))) {
			return false;
		}
		// A loop rather than a stream: every SKU read back from the database is checked
		// again, hundreds for one availability answer
		for (int i = 0; i < length;) {
			int c = value.codePointAt(i);
			if (Character.isISOControl(c) || !Character.isDefined(c)) {
				return false;
			}
			i += Character.charCount(c);
		}
		return true;
	}

	@Override
	public int compareTo(Sku other) {
		return value.compareTo(other.value);
	}

	@Override
	public String toString() {
		return value;
	}

}
