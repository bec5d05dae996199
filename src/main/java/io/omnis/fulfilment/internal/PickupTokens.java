package io.omnis.fulfilment.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.fulfilment.FulfilmentId;

/**
 * The token of a customer's pickup link: the fulfilment, her code and until when the link
 * works, signed with HMAC-SHA256 under a key kept in the database (made once, shared by
 * every node). Whoever holds the link holds the code anyway: it is in the same message.
 */
@Component
public class PickupTokens {

	static final String KEY = "pickup-link";

	private final JdbcClient jdbc;

	private volatile byte @Nullable [] key;

	PickupTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public String issue(FulfilmentId id, String code, Instant until) {
		String content = id.value() + "." + code + "." + until.getEpochSecond();
		return content + "." + sign(content);
	}

	/** What a token says, when its signature holds (expired or not). */
	public Optional<Link> read(String token) {
		if (token.length() > 300) {
			return Optional.empty();
		}
		String[] parts = token.split("\\.");
		if (parts.length != 4 || !FulfilmentId.isValid(parts[0]) || !parts[2].matches("\\d{1,12}")) {
			return Optional.empty();
		}
		String content = parts[0] + "." + parts[1] + "." + parts[2];
		if (!MessageDigest.isEqual(sign(content).getBytes(StandardCharsets.UTF_8),
				parts[3].getBytes(StandardCharsets.UTF_8))) {
			return Optional.empty();
		}
		return Optional
			.of(new Link(new FulfilmentId(parts[0]), parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2]))));
	}

	private String sign(String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(("pickup\n" + content).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] key() {
		byte[] known = key;
		if (known != null) {
			return known;
		}
		byte[] fresh = new byte[32];
		new SecureRandom().nextBytes(fresh);
		jdbc.sql("insert into pickup_secret (name, secret) values (:name, :secret) on conflict (name) do nothing")
			.param("name", KEY)
			.param("secret", Base64.getEncoder().encodeToString(fresh))
			.update();
		known = Base64.getDecoder()
			.decode(jdbc.sql("select secret from pickup_secret where name = :name")
				.param("name", KEY)
				.query(String.class)
				.single());
		key = known;
		return known;
	}

	/** A pickup link's content. */
	public record Link(FulfilmentId fulfilmentId, String code, Instant until) {
	}

}
