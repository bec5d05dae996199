package io.omnis.conversation;

import org.jspecify.annotations.Nullable;

/**
 * What customers say about their conversations.
 */
public final class SurveyEvents {

	private SurveyEvents() {
	}

	/** A satisfaction survey went out after the first resolution. */
	public record SurveySent(ConversationId conversationId, String surveyId) {
	}

	/** The customer rated the conversation (1 to 5), with an optional comment. */
	public record SurveyAnswered(ConversationId conversationId, String surveyId, int rating, @Nullable String comment) {
	}

}
