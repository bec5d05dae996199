package io.omnis.conversation.messaging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The webhook signatures of the providers, compared in constant time.
 * <ul>
 * <li>Twilio's {@code X-Twilio-Signature}: base64 of HMAC-SHA1, keyed by the auth token,
 * over the full URL it called followed by each POST parameter's name and value, sorted by
 * name.</li>
 * <li>Meta's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the
 * raw body, keyed by the app secret.</li>
 * </ul>
 */
final class Signatures {

	private Signatures() {
	}

	static String twilio(String authToken, String url, Map<String, List<String>> params) {
		StringBuilder data = new StringBuilder(url);
		for (Map.Entry<String, List<String>> param : new TreeMap<>(params).entrySet()) {
			List<String> values = new ArrayList<>(param.getValue());
			values.sort(null);
			for (String value : values) {
				data.append(param.getKey()).append(value);
			}
		}
		return Base64.getEncoder()
			.encodeToString(hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
	}

	static boolean twilioValid(String authToken, String url, Map<String, List<String>> params,
			@Nullable String signature) {
		return signature != null && same(twilio(authToken, url, params), signature);
	}

	static String meta(String appSecret, byte[] body) {
		return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", appSecret, body));
	}

	static boolean metaValid(String appSecret, byte[] body, @Nullable String signature) {
		return signature != null && same(meta(appSecret, body), signature.strip());
	}

	static boolean same(String expected, String given) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] hmac(String algorithm, String key, byte[] data) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
