package io.omnis.kernel;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Generates and checks prefixed, time-sortable identifiers such as {@code chn_01jd4k7…}.
 * <p>
 * The part after the prefix is a ULID in lower-case Crockford base32: 48 bits of
 * milliseconds then 80 random bits, incremented within one millisecond so that ids made
 * by one node sort in creation order.
 */
public final class Ids {

	private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

	/** Which ASCII characters the ULID body may hold after its first. */
	private static final boolean[] BODY = new boolean[128];

	static {
		for (char c : ALPHABET) {
			BODY[c] = true;
		}
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private static Clock clock = Clock.systemUTC();

	private static long lastMillis;

	private static long randomHigh; // 16 bits

	private static long randomLow; // 64 bits

	private Ids() {
	}

	/**
	 * A new identifier with the given prefix.
	 * @param prefix two to six lower-case letters naming the kind of thing identified
	 * @return the identifier, for example {@code cus_01jd4k7q8m3v5x6y7z8a9b0c1d}
	 */
	public static String next(String prefix) {
		if (!isPrefix(prefix)) {
			throw new IllegalArgumentException("An id prefix is 2 to 6 lower-case letters, not '" + prefix + "'");
		}
		return prefix + "_" + nextUlid();
	}

	/**
	 * Whether the value is a well-formed identifier with the given prefix.
	 */
	public static boolean isValid(String prefix, String value) {
		// Checked by hand rather than by a regular expression: every id read back from
		// the database is checked again, hundreds for one availability answer
		int at = prefix.length();
		if (value.length() != at + 27 || !value.startsWith(prefix) || value.charAt(at) != '_') {
			return false;
		}
		char first = value.charAt(at + 1);
		if (first < '0' || first > '7') {
			return false;
		}
		for (int i = at + 2; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= BODY.length || !BODY[c]) {
				return false;
			}
		}
		return true;
	}

	/** Two to six lower-case ASCII letters. */
	private static boolean isPrefix(String prefix) {
		if (prefix.length() < 2 || prefix.length() > 6) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			char c = prefix.charAt(i);
			if (c < 'a' || c > 'z') {
				return false;
			}
		}
		return true;
	}

	/**
	 * The value itself when it is a well-formed identifier with the given prefix.
	 * @throws IllegalArgumentException otherwise
	 */
	public static String require(String prefix, String value) {
		if (!isValid(prefix, value)) {
			throw new IllegalArgumentException("'" + value + "' is not a valid " + prefix + "_ identifier");
		}
		return value;
	}

	private static synchronized String nextUlid() {
		long now = clock.millis();
		if (now > lastMillis) {
			lastMillis = now;
			randomHigh = RANDOM.nextInt(1 << 16);
			randomLow = RANDOM.nextLong();
		}
		else if (++randomLow == 0 && ++randomHigh == (1 << 16)) {
			// 2^80 ids in one millisecond: borrow the next millisecond rather than lose
			// ordering
			lastMillis++;
			randomHigh = 0;
		}
		char[] out = new char[26];
		long time = lastMillis;
		for (int i = 9; i >= 0; i--) {
			out[i] = ALPHABET[(int) (time & 31)];
			time >>>= 5;
		}
		// 80 random bits = 16 chars of 5 bits: the top 16 bits, then 64 bits
		long high = randomHigh;
		long low = randomLow;
		for (int i = 25; i >= 10; i--) {
			out[i] = ALPHABET[(int) (low & 31)];
			low = (low >>> 5) | ((high & 31) << 59);
			high >>>= 5;
		}
		return new String(out);
	}

	static synchronized void useClock(Clock testClock) {
		clock = testClock;
		lastMillis = 0;
	}

}
