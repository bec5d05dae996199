package io.omnis.conversation.quality;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.conversation.ConversationEvents.ConversationResolved;

/**
 * Sends the satisfaction survey once the resolution committed.
 */
@Component
class SurveyTriggers {

	private final Surveys surveys;

	SurveyTriggers(Surveys surveys) {
		this.surveys = surveys;
	}

	@ApplicationModuleListener
	void on(ConversationResolved event) {
		surveys.resolved(event.conversationId());
	}

}
