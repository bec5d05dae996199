package io.omnis.conversation;

import java.time.Instant;

/**
 * What happens to the service-level clocks of conversations.
 */
public final class SlaEvents {

	private SlaEvents() {
	}

	/** Which promise a clock measures. */
	public enum Target {

		FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION

	}

	/**
	 * A target will be missed soon unless someone acts: the inbox shows it as at risk.
	 */
	public record SlaAtRisk(ConversationId conversationId, Target target, Instant dueAt) {
	}

	/** A target was missed. */
	public record SlaBreached(ConversationId conversationId, Target target, Instant dueAt, Instant breachedAt) {
	}

}
