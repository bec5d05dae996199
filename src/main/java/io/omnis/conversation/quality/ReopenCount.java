package io.omnis.conversation.quality;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.conversation.ConversationEvents.ConversationReopened;
import io.omnis.conversation.assistant.Handling;

/**
 * Counts reopenings, which the reopen rate and first-contact resolution are made of.
 */
@Component
class ReopenCount {

	private final Handling handling;

	ReopenCount(Handling handling) {
		this.handling = handling;
	}

	@ApplicationModuleListener
	void on(ConversationReopened event) {
		handling.reopened(event.conversationId());
	}

}
