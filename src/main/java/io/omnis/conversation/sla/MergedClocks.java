package io.omnis.conversation.sla;

import java.time.Clock;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.conversation.ConversationsMerged;

/**
 * Stops the clocks of a conversation merged into another: its messages, and the customer
 * waiting for an answer, are the survivor's now, whose own clocks keep running.
 */
@Component
class MergedClocks {

	private final SlaClocks clocks;

	private final Clock clock;

	MergedClocks(SlaClocks clocks, Clock clock) {
		this.clocks = clocks;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(ConversationsMerged event) {
		clocks.resolved(event.merged(), clock.instant());
	}

}
