package io.omnis.conversation.quality;

import java.util.Optional;

import org.springframework.stereotype.Component;

import io.omnis.conversation.internal.Signatures;
import io.omnis.kernel.Ids;

/**
 * The token in a survey link: the survey id and an HMAC of it under a key kept in the
 * database (made once, shared by every node), so a link cannot be guessed or pointed at
 * another survey.
 */
@Component
class SurveyTokens {

	private static final String KEY = "csat-token";

	private final Signatures signatures;

	SurveyTokens(Signatures signatures) {
		this.signatures = signatures;
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
		return signatures.verify(KEY, "csat\n" + id, token.substring(dot + 1)) ? Optional.of(id) : Optional.empty();
	}

	private String signature(String surveyId) {
		return signatures.sign(KEY, "csat\n" + surveyId);
	}

}
