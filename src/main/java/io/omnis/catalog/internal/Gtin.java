package io.omnis.catalog.internal;

/**
 * GS1 trade item numbers (GTIN-8, -12, -13 and -14, as printed under barcodes): digits
 * only, ending in a mod-10 check digit.
 */
public final class Gtin {

	private Gtin() {
	}

	/** Whether the text is a GTIN of a valid length whose check digit is right. */
	public static boolean isValid(String code) {
		int length = code.length();
		if (length != 8 && length != 12 && length != 13 && length != 14) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (code.charAt(i) < '0' || code.charAt(i) > '9') {
				return false;
			}
		}
		return checkDigit(code.substring(0, length - 1)) == code.charAt(length - 1) - '0';
	}

	/**
	 * The check digit of the digits before it: from the right, weights 3, 1, 3, 1, …, and
	 * what brings the sum to a multiple of ten.
	 */
	public static int checkDigit(String digits) {
		int sum = 0;
		for (int i = digits.length() - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
			sum += (digits.charAt(i) - '0') * weight;
		}
		return (10 - sum % 10) % 10;
	}

}
