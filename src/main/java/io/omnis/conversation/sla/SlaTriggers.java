package io.omnis.conversation.sla;

import java.time.Clock;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.conversation.AssistantEvents.HandedOver;
import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.ConversationEvents.ConversationOpened;
import io.omnis.conversation.ConversationEvents.ConversationPrioritised;
import io.omnis.conversation.ConversationEvents.ConversationReopened;
import io.omnis.conversation.ConversationEvents.ConversationResolved;
import io.omnis.conversation.ConversationEvents.MessageReceived;
import io.omnis.conversation.ConversationEvents.MessageSent;
import io.omnis.conversation.assistant.Handling;
import io.omnis.conversation.internal.ConversationStore;
import io.omnis.conversation.internal.MessageStore;

/**
 * Moves the clocks as conversations change, after each change committed (and again after
 * a crash, through the event publication registry). Times are those of the change itself,
 * not of when the listener ran.
 */
@Component
class SlaTriggers {

	private final SlaClocks clocks;

	private final ConversationStore conversations;

	private final MessageStore messages;

	private final Handling handling;

	private final Clock clock;

	SlaTriggers(SlaClocks clocks, ConversationStore conversations, MessageStore messages, Handling handling,
			Clock clock) {
		this.handling = handling;
		this.clocks = clocks;
		this.conversations = conversations;
		this.messages = messages;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ConversationOpened event) {
		conversations.find(event.conversationId(), false)
			.filter(c -> !handling.heldByAssistant(c.id()))
			.ifPresent(c -> clocks.opened(c, c.createdAt()));
	}

	@ApplicationModuleListener
	void on(MessageReceived event) {
		if (event.automated()) {
			return;
		}
		var conversation = conversations.find(event.conversationId(), false).orElse(null);
		var message = messages.message(event.messageId()).orElse(null);
		if (conversation != null && message != null) {
			clocks.customerWrote(conversation, message.createdAt());
		}
	}

	@ApplicationModuleListener
	void on(MessageSent event) {
		if (event.privateNote()) {
			return;
		}
		messages.message(event.messageId())
			.filter(m -> m.author().kind() == AuthorKind.AGENT)
			.ifPresent(m -> clocks.agentAnswered(event.conversationId(), m.createdAt()));
	}

	@ApplicationModuleListener
	void on(ConversationResolved event) {
		conversations.find(event.conversationId(), false)
			.ifPresent(c -> clocks.resolved(c.id(), c.resolvedAt() == null ? clock.instant() : c.resolvedAt()));
	}

	@ApplicationModuleListener
	void on(ConversationReopened event) {
		conversations.find(event.conversationId(), false)
			.filter(c -> !handling.heldByAssistant(c.id()))
			.ifPresent(c -> clocks.reopened(c, c.updatedAt()));
	}

	@ApplicationModuleListener
	void on(ConversationPrioritised event) {
		// While the assistant holds it no clock runs: they start at the hand-over
		conversations.find(event.conversationId(), false)
			.filter(c -> !handling.heldByAssistant(c.id()))
			.ifPresent(clocks::reprioritised);
	}

	/** The assistant held it: the clocks start when people get it. */
	@ApplicationModuleListener
	void on(HandedOver event) {
		conversations.find(event.conversationId(), false).ifPresent(c -> clocks.opened(c, event.at()));
	}

}
