package io.omnis.conversation.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA256 signatures under named keys kept in the database
 * ({@code conversation_secret}), made once and shared by every node, so that a token
 * Omnis hands out (a chat visitor's, a survey link's) is checked anywhere without storing
 * it.
 */
@Component
public class Signatures {

	private final JdbcClient jdbc;

	private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

	Signatures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The signature of {@code content} under the key {@code keyName}, URL-safe base64.
	 */
	public String sign(String keyName, String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(keys.computeIfAbsent(keyName, this::load), "HmacSHA256"));
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether {@code signature} is that of {@code content}, compared in constant time.
	 */
	public boolean verify(String keyName, String content, String signature) {
		return MessageDigest.isEqual(sign(keyName, content).getBytes(StandardCharsets.UTF_8),
				signature.getBytes(StandardCharsets.UTF_8));
	}

	/** The key, made by the first node that needs it. */
	private byte[] load(String keyName) {
		byte[] fresh = new byte[32];
		new SecureRandom().nextBytes(fresh);
		jdbc.sql("insert into conversation_secret (name, secret) values (:name, :secret) on conflict (name) do nothing")
			.param("name", keyName)
			.param("secret", Base64.getEncoder().encodeToString(fresh))
			.update();
		return Base64.getDecoder()
			.decode(jdbc.sql("select secret from conversation_secret where name = :name")
				.param("name", keyName)
				.query(String.class)
				.single());
	}

}
