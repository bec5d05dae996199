package io.omnis.order.internal;

import java.security.SecureRandom;

/**
 * Hand-over codes: 8 letters and digits, none that can be mistaken for another when typed
 * at a till.
 */
public final class HandoverCodes {

	/** Letters and digits that cannot be mistaken for one another when typed. */
	private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

	private static final int LENGTH = 8;

	private static final SecureRandom RANDOM = new SecureRandom();

	private HandoverCodes() {
	}

	/** A new random code. */
	public static String next() {
		char[] code = new char[LENGTH];
		for (int i = 0; i < code.length; i++) {
			code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
		}
		return new String(code);
	}

}
