package io.omnis.customer.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.tracking.CollectedEvents;

/**
 * Rolls up the facts of profiles whose reads found many events after their roll-up (ADR
 * 0035): adds what those events add up to into the profile row and moves its
 * {@code facts_until} to now, so that the next reads add few events. It takes the row
 * lock as resolution does, skipping a profile another transaction holds (it is tried
 * again on a later read).
 */
@Component
class FactsRollup {

	private static final Logger log = LoggerFactory.getLogger(FactsRollup.class);

	/**
	 * At most this many profiles wait to be rolled up; later ones wait for a later read.
	 */
	private static final int MAX_PENDING = 10_000;

	private final Set<String> pending = ConcurrentHashMap.newKeySet();

	private final ProfileStore store;

	private final CollectedEvents events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final long foldAfter;

	FactsRollup(ProfileStore store, CollectedEvents events, TransactionTemplate transactions, Clock clock,
			@Value("${omnis.identity.facts.roll-up-after:1000}") long foldAfter) {
		if (foldAfter < 0) {
			throw new IllegalArgumentException(
					"omnis.identity.facts.roll-up-after must not be negative, not " + foldAfter);
		}
		this.store = store;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		this.foldAfter = foldAfter;
	}

	/**
	 * How many events after its roll-up a read may add before the profile is rolled up.
	 */
	long foldAfter() {
		return foldAfter;
	}

	void foldLater(String profileId) {
		if (pending.size() < MAX_PENDING) {
			pending.add(profileId);
		}
	}

	@Scheduled(fixedDelayString = "${omnis.identity.facts.roll-up-interval:PT5S}", initialDelayString = "PT5S")
	void foldPending() {
		List<String> due = new ArrayList<>(pending);
		pending.removeAll(due);
		for (String id : due) {
			try {
				fold(id);
			}
			catch (RuntimeException ex) {
				log.warn("Could not roll up the facts of profile {}; a later read asks again", id, ex);
			}
		}
	}

	/**
	 * Rolls up a live profile's facts up to now, in a transaction of its own.
	 * @return whether it did (not when the profile is merged away, gone, or held by
	 * another transaction)
	 */
	boolean fold(String profileId) {
		Boolean folded = transactions.execute(tx -> {
			ProfileState profile = store.lockAndLoadFree(List.of(profileId)).get(profileId);
			if (profile == null || profile.mergedInto != null) {
				return false;
			}
			Instant now = clock.instant();
			// The roll-up never ends earlier than it did, whatever this node's clock says
			// (another node's may be ahead): events between the two ends would be counted
			// twice, in the roll-up and after it
			Instant until = profile.factsUntil != null && profile.factsUntil.isAfter(now) ? profile.factsUntil : now;
			// The events after the roll-up up to then: an event linked later with an
			// event
			// time up to then is added by whoever links it, under this row's lock
			profile.facts.add(events.activity(profileId, profile.factsUntil, until));
			profile.factsUntil = until;
			profile.dirty = true;
			store.save(List.of(profile), now);
			return true;
		});
		return Boolean.TRUE.equals(folded);
	}

}
