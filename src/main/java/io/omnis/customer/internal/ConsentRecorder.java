package io.omnis.customer.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.security.Actor;

/**
 * Records consent statements made through the API, in the same ledger as those from
 * events. It takes the graph lock so that a resolution batch never overwrites the change.
 */
@Component
public class ConsentRecorder {

	private final ProfileStore store;

	private final GraphLocks locks;

	private final Clock clock;

	ConsentRecorder(ProfileStore store, GraphLocks locks, Clock clock) {
		this.store = store;
		this.locks = locks;
		this.clock = clock;
	}

	@Transactional
	public void record(String profileId, String purposeName, boolean granted, @Nullable String channelId) {
		String purpose = Consents.purpose(purposeName);
		if (purpose.isEmpty() || purpose.length() > 40) {
			throw ProblemException.invalidField("purpose", "must be 1 to 40 letters, digits or spaces");
		}
		locks.lockGraph();
		// Locked: resolution at acceptance adds to the row without the graph lock
		ProfileState state = store.lockAndLoad(List.of(profileId)).get(profileId);
		Instant now = clock.instant();
		if (!state.consent.has(purpose) && state.consent.size() >= Consents.MAX_PURPOSES) {
			throw ProblemException.invalidField("purpose", "would exceed " + Consents.MAX_PURPOSES + " purposes");
		}
		Consents.apply(state.consent, purpose, granted, now);
		state.dirty = true;
		store.save(List.of(state), now);
		store.recordConsent(List.of(new ProfileStore.ConsentStatement(profileId, purpose, granted, now, channelId,
				"api", null, Actor.current())));
	}

}
