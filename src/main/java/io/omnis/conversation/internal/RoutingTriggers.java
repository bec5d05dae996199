package io.omnis.conversation.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.conversation.ConversationEvents.ConversationAssigned;
import io.omnis.conversation.ConversationEvents.ConversationOpened;
import io.omnis.conversation.ConversationEvents.ConversationReopened;
import io.omnis.conversation.ConversationEvents.ConversationResolved;
import io.omnis.customer.ProfileEvents.ProfilesMerged;

/**
 * Routes work when it appears or when room frees up, and keeps threads and chat visitors
 * on the surviving profile when two profiles turn out to be one person. Each runs after
 * the change committed, and is retried after a crash (the event publication registry).
 */
@Component
class RoutingTriggers {

	private final Router router;

	private final ConversationStore conversations;

	private final ChatVisitors visitors;

	RoutingTriggers(Router router, ConversationStore conversations, ChatVisitors visitors) {
		this.router = router;
		this.conversations = conversations;
		this.visitors = visitors;
	}

	@ApplicationModuleListener
	void on(ConversationOpened event) {
		router.drain();
	}

	@ApplicationModuleListener
	void on(ConversationReopened event) {
		router.reopened(event.conversationId());
	}

	@ApplicationModuleListener
	void on(ConversationResolved event) {
		router.drain();
	}

	@ApplicationModuleListener
	void on(ConversationAssigned event) {
		if (event.assigneeId() == null) {
			router.drain();
		}
	}

	@ApplicationModuleListener
	void on(ProfilesMerged event) {
		conversations.reassignProfile(event.merged(), event.survivor());
		visitors.reassignProfile(event.merged(), event.survivor());
	}

}
