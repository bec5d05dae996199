package io.omnis.webhook.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.omnis.conversation.AssistantEvents.HandedOver;
import io.omnis.conversation.ConversationEvents.ConversationAssigned;
import io.omnis.conversation.ConversationEvents.ConversationOpened;
import io.omnis.conversation.ConversationEvents.ConversationPrioritised;
import io.omnis.conversation.ConversationEvents.ConversationReopened;
import io.omnis.conversation.ConversationEvents.ConversationResolved;
import io.omnis.conversation.ConversationEvents.MessageReceived;
import io.omnis.conversation.ConversationEvents.MessageSent;
import io.omnis.conversation.SlaEvents.SlaAtRisk;
import io.omnis.conversation.SlaEvents.SlaBreached;
import io.omnis.conversation.SurveyEvents.SurveyAnswered;

/**
 * Turns conversation events into webhook messages in the transaction of the change that
 * published them: the outbox rows commit with the change or not at all, so a crash loses
 * none and a rolled-back change sends none, without an event publication, its completion
 * and an asynchronous transaction per event (when no subscription wants the type, the
 * event costs one indexed read). Private notes never leave Omnis. Message bodies are not
 * sent: a receiver reads them through the API with its key, so a leaked webhook URL leaks
 * no conversation.
 */
@Component
class EventRelay {

	private final Outbox outbox;

	EventRelay(Outbox outbox) {
		this.outbox = outbox;
	}

	@EventListener
	void on(ConversationOpened event) {
		outbox.enqueue("conversation.opened", data("conversationId", event.conversationId().value(), "profileId",
				event.profileId(), "channelType", event.medium().name()));
	}

	@EventListener
	void on(ConversationReopened event) {
		outbox.enqueue("conversation.reopened", data("conversationId", event.conversationId().value(), "profileId",
				event.profileId(), "channelType", event.medium().name()));
	}

	@EventListener
	void on(ConversationAssigned event) {
		outbox.enqueue("conversation.assigned", data("conversationId", event.conversationId().value(), "assigneeId",
				event.assigneeId(), "previousAssigneeId", event.previousAssigneeId(), "by", event.by()));
	}

	@EventListener
	void on(ConversationPrioritised event) {
		outbox.enqueue("conversation.prioritised", data("conversationId", event.conversationId().value(), "priority",
				event.priority().name(), "team", event.team()));
	}

	@EventListener
	void on(ConversationResolved event) {
		outbox.enqueue("conversation.resolved", data("conversationId", event.conversationId().value(), "profileId",
				event.profileId(), "assigneeId", event.assigneeId()));
	}

	@EventListener
	void on(HandedOver event) {
		outbox.enqueue("conversation.handed_over", data("conversationId", event.conversationId().value(), "profileId",
				event.profileId(), "reason", event.reason(), "at", event.at().toString()));
	}

	@EventListener
	void on(SlaAtRisk event) {
		outbox.enqueue("conversation.sla_at_risk", data("conversationId", event.conversationId().value(), "target",
				event.target().name(), "dueAt", event.dueAt().toString()));
	}

	@EventListener
	void on(SlaBreached event) {
		outbox.enqueue("conversation.sla_breached", data("conversationId", event.conversationId().value(), "target",
				event.target().name(), "dueAt", event.dueAt().toString(), "breachedAt", event.breachedAt().toString()));
	}

	@EventListener
	void on(SurveyAnswered event) {
		outbox.enqueue("conversation.survey_answered", data("conversationId", event.conversationId().value(),
				"surveyId", event.surveyId(), "rating", event.rating(), "comment", event.comment()));
	}

	@EventListener
	void on(MessageReceived event) {
		outbox.enqueue("message.received",
				data("conversationId", event.conversationId().value(), "messageId", event.messageId(), "profileId",
						event.profileId(), "channelType", event.medium().name(), "automated", event.automated()));
	}

	@EventListener
	void on(MessageSent event) {
		if (!event.privateNote()) {
			outbox.enqueue("message.sent", data("conversationId", event.conversationId().value(), "messageId",
					event.messageId(), "profileId", event.profileId(), "channelType", event.medium().name()));
		}
	}

	private static Map<String, @Nullable Object> data(@Nullable Object... pairs) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			data.put(String.valueOf(pairs[i]), pairs[i + 1]);
		}
		return data;
	}

}
