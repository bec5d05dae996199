package io.omnis.customer.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.customer.Identifier;
import io.omnis.customer.ProfileEvents.ProfileSplit;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.security.Actor;
import io.omnis.tracking.CollectedEvent;
import io.omnis.tracking.CollectedEvents;

/**
 * Undoes a merge: removing an identifier from a profile splits off a new profile with
 * that identifier, the identifiers that only ever came with it, and the events that
 * carried it; both profiles' traits are then rebuilt from their own events, from which
 * their counts and channels are derived. Consent is carried over to the new profile as it
 * stands (the most restrictive choice is never loosened by a split).
 */
@Component
public class ProfileSplitter {

	static final int MAX_EVENTS = 200_000;

	private final ProfileStore store;

	private final GraphLocks locks;

	private final ProfileReads reads;

	private final CollectedEvents events;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	ProfileSplitter(ProfileStore store, GraphLocks locks, ProfileReads reads, CollectedEvents events,
			ApplicationEventPublisher publisher, Clock clock) {
		this.store = store;
		this.locks = locks;
		this.reads = reads;
		this.events = events;
		this.publisher = publisher;
		this.clock = clock;
	}

	/**
	 * @return the id of the profile split off
	 */
	@Transactional
	public String split(String profileId, Identifier identifier) {
		locks.lockGraph();
		String live = reads.find(profileId).orElseThrow(() -> new NotFoundException("profile", profileId)).id();
		if (!reads.ownerOf(identifier).map(live::equals).orElse(false)) {
			throw new NotFoundException("identifier of this profile", identifier.toString());
		}
		// The row lock keeps resolution at acceptance out of the profile until the split
		// commits; the graph version tells its cache that identifiers left (ADR 0034)
		ProfileState current = store.lockAndLoad(List.of(live)).get(live);
		Set<Identifier> leaving = new LinkedHashSet<>();
		leaving.add(identifier);
		events.identifiersOnlyWith(live, identifier.toString())
			.stream()
			.map(Identifier::parse)
			.flatMap(Optional::stream)
			.filter(current.identifiers::containsKey)
			.forEach(leaving::add);
		if (leaving.size() >= current.identifiers.size()) {
			throw ProblemException.conflict(
					"Every identifier of this profile came with " + identifier + "; there is nothing to split off");
		}
		Instant now = clock.instant();
		String splitOff = Ids.next(IdentityResolver.PROFILE_PREFIX);
		store.moveIdentifiers(live, splitOff, leaving);
		events.reassignCarrying(live, identifier.toString(), splitOff);

		Map<Identifier, Instant> remaining = new HashMap<>(current.identifiers);
		Map<Identifier, Instant> moved = new HashMap<>();
		leaving.forEach(i -> moved.put(i, remaining.remove(i)));
		ProfileState kept = rebuilt(live, current.createdAt, remaining, now);
		kept.consent = current.consent;
		kept.mergeCount = Math.max(0, current.mergeCount - 1);
		ProfileState created = rebuilt(splitOff, now, moved, now);
		created.consent = current.consent.deepCopy();
		store.save(List.of(kept, created), now);
		store.identifiersLeft(live);

		String actor = Actor.current();
		List<ProfileStore.ConsentStatement> carried = new ArrayList<>();
		created.consent.properties()
			.forEach(entry -> carried.add(new ProfileStore.ConsentStatement(splitOff, entry.getKey(),
					entry.getValue().path("granted").asBoolean(), now, null, "split", null, actor)));
		store.recordConsent(carried);
		store.recordMerge(Ids.next("mrg"), live, splitOff, "SPLIT", identifier.toString(), null, null, actor, now);
		publisher.publishEvent(new ProfileSplit(live, splitOff, identifier.toString()));
		return splitOff;
	}

	private ProfileState rebuilt(String id, Instant createdAt, Map<Identifier, Instant> identifiers, Instant now) {
		// No roll-up of its facts: they are derived from the events it keeps (ADR 0035)
		ProfileState fresh = ProfileState.fresh(id, createdAt);
		ProfileState state = new ProfileState(id, false, createdAt, ProfileFacts.none(), null, fresh.traits,
				fresh.traitSources, fresh.consent, 0, Set.of(), identifiers);
		for (CollectedEvent event : events.ofProfile(id, MAX_EVENTS)) {
			state.record(event);
		}
		state.dirty = true;
		return state;
	}

}
