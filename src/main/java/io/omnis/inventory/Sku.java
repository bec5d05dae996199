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
		return !value.isEmpty() && value.length() <= MAX_LENGTH && value.strip().equals(value)
				&& value.codePoints().noneMatch(c -> Character.isISOControl(c) || !Character.isDefined(c));
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
