package io.omnis.conversation.chat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The token a chat visitor gets with her first message and must show from then on to
 * write, read her thread or listen to it: knowing an anonymous id alone is not enough. It
 * is an HMAC of the channel and anonymous id under a key kept in the database, so every
 * node checks it without storing tokens.
 */
@Component
class VisitorTokens {

	private final JdbcClient jdbc;

	private volatile byte[] key;

	VisitorTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	String issue(String channelId, String anonymousId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			byte[] token = mac.doFinal((channelId + "\n" + anonymousId).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	boolean isValid(String channelId, String anonymousId, String token) {
		return MessageDigest.isEqual(issue(channelId, anonymousId).getBytes(StandardCharsets.UTF_8),
				token.getBytes(StandardCharsets.UTF_8));
	}

	private byte[] key() {
		byte[] known = key;
		if (known == null) {
			byte[] fresh = new byte[32];
			new SecureRandom().nextBytes(fresh);
			jdbc.sql("""
					insert into conversation_secret (name, secret) values ('visitor-token', :secret)
					on conflict (name) do nothing""")
				.param("secret", Base64.getEncoder().encodeToString(fresh))
				.update();
			known = Base64.getDecoder()
				.decode(jdbc.sql("select secret from conversation_secret where name = 'visitor-token'")
					.query(String.class)
					.single());
			key = known;
		}
		return known;
	}

}
