package io.omnis.tracking;

import java.util.List;
import java.util.Map;

/**
 * Resolution at acceptance (ADR 0034): the module that keeps the identity graph links a
 * message whose profile it already knows in the request's own transaction, so that the
 * message never waits in the resolution queue. Collection asks in two steps:
 * {@link #plan} in memory before anything is written, then {@link Plan#confirm} in the
 * request's transaction with the messages actually stored. A message not linked goes
 * through the queue as before.
 */
public interface EarlyResolution {

	/**
	 * The messages of one request (with no seq yet) that look resolvable now. Nothing is
	 * read from or written to the database.
	 */
	Plan plan(String channelId, List<CollectedEvent> messages);

	/** What {@link #plan} found. */
	interface Plan {

		/**
		 * A plan with nothing in it: collection writes as if there were no early
		 * resolution.
		 */
		Plan NONE = new Plan() {
			@Override
			public boolean isEmpty() {
				return true;
			}

			@Override
			public Map<String, Link> confirm(Map<String, Long> stored) {
				return Map.of();
			}
		};

		boolean isEmpty();

		/**
		 * In the caller's transaction: links those planned messages that were stored
		 * ({@code stored} maps their message ids to their seq) whose profile is still the
		 * one planned, and records them on it.
		 * @return the links made, by message id
		 */
		Map<String, Link> confirm(Map<String, Long> stored);

	}

	/** The profile a message was linked to, and the identifiers promoted from it. */
	record Link(String profileId, List<String> identifiers) {
	}

}
