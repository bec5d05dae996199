package io.omnis.conversation.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.omnis.conversation.ConversationEvents.ConversationReopened;
import io.omnis.kernel.problem.ProblemException;

/**
 * Keeps a merged conversation closed: its messages live in the survivor now. Listening in
 * the reopening's own transaction, its refusal rolls the reopening back with a 409. (A
 * customer's new message never reaches a merged conversation: it has a thread key of its
 * own.)
 */
@Component
class MergedStayClosed {

	private final MergeStore merges;

	MergedStayClosed(MergeStore merges) {
		this.merges = merges;
	}

	@EventListener
	void on(ConversationReopened event) {
		merges.mergedInto(event.conversationId()).ifPresent(survivor -> {
			throw ProblemException.conflict("This conversation was merged into " + survivor + "; continue there")
				.with("mergedInto", survivor);
		});
	}

}
