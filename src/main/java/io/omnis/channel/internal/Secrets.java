package io.omnis.channel.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import io.omnis.channel.KeyKind;

/**
 * Makes credentials and their hashes. Keys carry 190+ bits of entropy, so a plain SHA-256
 * is the right hash: it cannot be brute-forced and it lets a key be found by an index
 * lookup on every request.
 */
public final class Secrets {

	private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private Secrets() {
	}

	public static String generate(KeyKind kind) {
		char[] body = new char[32];
		for (int i = 0; i < body.length; i++) {
			body[i] = BASE62[RANDOM.nextInt(BASE62.length)];
		}
		return kind.prefix() + "_" + new String(body);
	}

	public static byte[] hash(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String hint(String secret) {
		return secret.substring(0, 3) + "…" + secret.substring(secret.length() - 4);
	}

}
