package io.omnis.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature: {@code v1,} and the base64 HMAC-SHA256 of
 * {@code id.timestamp.body} under the key that the secret {@code whsec_<base64>} holds.
 */
public final class Signature {

	private static final Pattern SECRET = Pattern.compile("whsec_[A-Za-z0-9+/]+={0,2}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private Signature() {
	}

	/** A new secret of 32 random bytes. */
	public static String newSecret() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

	/** Whether a secret is {@code whsec_} and the base64 of 24 to 64 bytes. */
	public static boolean isSecret(String secret) {
		if (!SECRET.matcher(secret).matches()) {
			return false;
		}
		try {
			int length = Base64.getDecoder().decode(secret.substring(6)).length;
			return length >= 24 && length <= 64;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	public static String sign(String secret, String id, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
			byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(signature);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
