package io.omnis.fulfilment.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.omnis.kernel.problem.ProblemException;

/**
 * Pickup codes: eight characters from an alphabet without look-alikes (no 0/O, 1/I/L),
 * read aloud or typed at the counter, kept only as their SHA-256.
 */
public final class PickupCodes {

	static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

	static final int LENGTH = 8;

	private static final SecureRandom RANDOM = new SecureRandom();

	private PickupCodes() {
	}

	public static String next() {
		StringBuilder code = new StringBuilder(LENGTH);
		for (int i = 0; i < LENGTH; i++) {
			code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	/**
	 * The code as typed (any case, spaces and dashes allowed), or a 400 naming
	 * {@code field} when it cannot be a code at all.
	 */
	public static String normalized(@Nullable String typed, String field) {
		if (typed == null || typed.isBlank() || typed.length() > 64) {
			throw ProblemException.invalidField(field, "is required: the customer's pickup code");
		}
		String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
		if (code.isEmpty() || code.length() > 32
				|| !code.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
			throw ProblemException.invalidField(field, "must be letters and digits (a pickup code has " + LENGTH + ")");
		}
		return code;
	}

	public static String hash(String normalized) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
