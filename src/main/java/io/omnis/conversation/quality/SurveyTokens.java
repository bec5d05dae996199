package io.omnis.conversation.quality;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.kernel.Ids;

/**
 * The token in a survey link: the survey id and an HMAC of it under a key kept in the
 * database (made once, shared by every node), so a link cannot be guessed or pointed at
 * another survey.
 */
@Component
class SurveyTokens {

	private final JdbcClient jdbc;

	private volatile byte[] key;

	SurveyTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	String issue(String surveyId) {
		return surveyId + "." + signature(surveyId);
	}

	/** The survey id the token names, when its signature holds. */
	Optional<String> surveyOf(String token) {
		int dot = token.indexOf('.');
		if (dot < 0 || token.length() > 200) {
			return Optional.empty();
		}
		String id = token.substring(0, dot);
		if (!Ids.isValid(Surveys.PREFIX, id)) {
			return Optional.empty();
		}
		boolean valid = MessageDigest.isEqual(signature(id).getBytes(StandardCharsets.UTF_8),
				token.substring(dot + 1).getBytes(StandardCharsets.UTF_8));
		return valid ? Optional.of(id) : Optional.empty();
	}

	private String signature(String surveyId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(("csat\n" + surveyId).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] key() {
		byte[] known = key;
		if (known == null) {
			byte[] fresh = new byte[32];
			new SecureRandom().nextBytes(fresh);
			jdbc.sql("""
					insert into conversation_secret (name, secret) values ('csat-token', :secret)
					on conflict (name) do nothing""")
				.param("secret", Base64.getEncoder().encodeToString(fresh))
				.update();
			known = Base64.getDecoder()
				.decode(jdbc.sql("select secret from conversation_secret where name = 'csat-token'")
					.query(String.class)
					.single());
			key = known;
		}
		return known;
	}

}
