package io.omnis.conversation.assistant;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.conversation.AssistantEvents.HandedOver;
import io.omnis.conversation.ConversationEvents.ConversationAssigned;
import io.omnis.conversation.ConversationEvents.ConversationOpened;
import io.omnis.conversation.ConversationEvents.MessageReceived;
import io.omnis.conversation.internal.ConversationStore;
import io.omnis.conversation.internal.Router;

/**
 * When the assistant takes, answers and lets go of conversations.
 */
@Component
class AssistantTriggers {

	private final Assistant assistant;

	private final AssistantChannels channels;

	private final Handling handling;

	private final ConversationStore conversations;

	private final Router router;

	AssistantTriggers(Assistant assistant, AssistantChannels channels, Handling handling,
			ConversationStore conversations, Router router) {
		this.assistant = assistant;
		this.channels = channels;
		this.handling = handling;
		this.conversations = conversations;
		this.router = router;
	}

	/**
	 * In the transaction that opens the conversation, before routing can see it: a
	 * conversation of a channel with the assistant is held by the assistant.
	 */
	@EventListener
	void on(ConversationOpened event) {
		conversations.find(event.conversationId(), false)
			.filter(c -> channels.find(c.lastInboundChannelId()).isPresent())
			.ifPresent(c -> handling.hold(c.id()));
	}

	@ApplicationModuleListener
	void on(MessageReceived event) {
		if (!event.automated()) {
			assistant.respond(event.conversationId(), event.messageId());
		}
	}

	@ApplicationModuleListener
	void on(ConversationAssigned event) {
		if (event.assigneeId() != null) {
			assistant.release(event.conversationId());
		}
	}

	/** Handed over: now it waits in the queue like any other. */
	@ApplicationModuleListener
	void on(HandedOver event) {
		router.drain();
	}

}
