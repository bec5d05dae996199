package io.omnis.customer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.omnis.customer.Identifier;
import io.omnis.customer.ProfileEvents.ProfilesMerged;
import io.omnis.kernel.Ids;
import io.omnis.tracking.CollectedEvent;
import io.omnis.tracking.CollectedEvents;
import io.omnis.tracking.DropReason;

/**
 * The work of one resolution batch, in the caller's transaction: it locks and loads the
 * profiles its events' identifiers name, decides in memory for each event in order which
 * profile it belongs to (matching, merging, joining identifiers under the
 * {@link IdentityRules}), and writes what changed at the end, one statement per table.
 */
final class ResolutionBatch {

	private final CollectedEvents events;

	private final ProfileStore store;

	private final IdentifierExtractor extractor;

	private final IdentityRules identityRules;

	private final Suppressions suppressions;

	private final ApplicationEventPublisher publisher;

	private final Instant now;

	private final OwnerCache cache;

	private final Counter linked;

	private final Map<Identifier, String> owners = new HashMap<>();

	private final Map<String, ProfileState> profiles = new HashMap<>();

	private final Map<String, String> mergedInto = new HashMap<>();

	private final List<ProfileStore.NewIdentifier> newIdentifiers = new ArrayList<>();

	private final List<ProfileStore.Decision> decisions = new ArrayList<>();

	private final List<ProfileStore.ConsentStatement> consent = new ArrayList<>();

	private final List<Merge> merges = new ArrayList<>();

	ResolutionBatch(CollectedEvents events, ProfileStore store, IdentifierExtractor extractor,
			IdentityRules identityRules, Suppressions suppressions, ApplicationEventPublisher publisher, Instant now,
			OwnerCache cache, Counter linked) {
		this.cache = cache;
		this.linked = linked;
		this.events = events;
		this.store = store;
		this.extractor = extractor;
		this.identityRules = identityRules;
		this.suppressions = suppressions;
		this.publisher = publisher;
		this.now = now;
	}

	void resolve(List<CollectedEvent> batch) {
		List<IdentifierExtractor.Extracted> extracted = batch.stream().map(extractor::extract).toList();
		Set<Identifier> all = new HashSet<>();
		extracted.forEach(e -> all.addAll(e.identifiers()));
		owners.putAll(store.owners(all));
		// Other shards may change these profiles at the same time: lock and load them in
		// one statement, then check that the identifiers found did not move meanwhile
		// (else start again). An identifier another shard added meanwhile is caught by
		// its key when this batch inserts it.
		Set<String> touched = new HashSet<>(owners.values());
		profiles.putAll(store.lockAndLoad(touched));
		if (profiles.size() != touched.size() || profiles.values().stream().anyMatch(p -> p.mergedInto != null)) {
			throw new ConcurrentGraphChange("a profile of this batch was merged while it locked it");
		}
		for (Map.Entry<Identifier, String> owner : owners.entrySet()) {
			if (!profiles.get(owner.getValue()).identifiers.containsKey(owner.getKey())) {
				throw new ConcurrentGraphChange("identifiers of this batch changed profile while it locked them");
			}
		}

		// An identifier that has a profile is not suppressed (suppressing deletes it, and
		// the graph lock keeps batches out meanwhile): only the new ones are looked up
		all.removeAll(owners.keySet());
		Set<Identifier> suppressed = suppressions.among(all);

		Map<Long, String> assigned = new LinkedHashMap<>();
		Map<Long, List<String>> promoted = new HashMap<>();
		List<CollectedEvent> kept = new ArrayList<>(batch.size());
		List<CollectedEvent> discarded = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			CollectedEvent event = batch.get(i);
			IdentifierExtractor.Extracted found = extracted.get(i);
			List<Identifier> identifiers = found.identifiers();
			if (!suppressed.isEmpty() && identifiers.stream().anyMatch(suppressed::contains)) {
				identifiers = unsuppressed(identifiers, suppressed);
				if (identifiers.isEmpty()) {
					discarded.add(event);
					continue;
				}
			}
			kept.add(event);
			int firstDecision = decisions.size();
			found.blocked()
				.forEach(blocked -> decide(null, event, blocked, "blocked-value",
						"The value is on the blocked list and is never an identifier"));
			List<String> promotedHere = new ArrayList<>();
			ProfileState profile = resolve(event, identifiers, promotedHere);
			if (profile != null) {
				attribute(firstDecision, profile);
				apply(profile, event);
				assigned.put(event.seq(), profile.id);
				promoted.put(event.seq(), promotedHere);
			}
		}
		events.discard(discarded, DropReason.SUPPRESSED, now);
		write(kept, assigned, promoted);
	}

	/**
	 * An event's identifiers without the suppressed ones, when it is someone else's: it
	 * carries a user id that is not suppressed (another person signed in on her shared
	 * device, say). Otherwise none: the event is hers, and is not kept.
	 */
	private static List<Identifier> unsuppressed(List<Identifier> identifiers, Set<Identifier> suppressed) {
		boolean someoneElse = identifiers.stream().anyMatch(i -> i.type().equals("user_id") && !suppressed.contains(i));
		return someoneElse ? identifiers.stream().filter(i -> !suppressed.contains(i)).toList() : List.of();
	}

	private @Nullable ProfileState resolve(CollectedEvent event, List<Identifier> identifiers, List<String> kept) {
		if (identifiers.isEmpty()) {
			return null;
		}
		List<ProfileState> match = new ArrayList<>();
		Map<Identifier, Instant> joining = new LinkedHashMap<>();
		Identifier mergeCause = null;
		for (Identifier identifier : identifiers) {
			String owner = owners.get(identifier);
			ProfileState profile = owner == null ? null : live(owner);
			if (profile != null) {
				if (match.contains(profile)) {
					kept.add(identifier.toString());
					continue;
				}
				String broken = identityRules.mergeBreaks(match, profile, joining, now);
				if (broken == null) {
					if (!match.isEmpty() && mergeCause == null) {
						mergeCause = identifier;
					}
					match.add(profile);
					kept.add(identifier.toString());
				}
				else {
					decide(profile.id, event, identifier, broken,
							"Kept out of the match: merging its profile would break the " + broken + " rule");
					if (broken.endsWith("-cap")) {
						ProfileState flagged = match.isEmpty() ? profile : match.getFirst();
						flagged.flags.add(broken);
						flagged.dirty = true;
					}
				}
			}
			else {
				String broken = identityRules.joinBreaks(match, joining, identifier, event.receivedAt(), now);
				if (broken == null) {
					joining.put(identifier, event.receivedAt());
					kept.add(identifier.toString());
				}
				else {
					decide(match.isEmpty() ? null : match.getFirst().id, event, identifier, broken,
							"Not added: the profile would break the " + broken + " rule");
					if (broken.endsWith("-cap") && !match.isEmpty()) {
						match.getFirst().flags.add(broken);
						match.getFirst().dirty = true;
					}
				}
			}
		}
		ProfileState survivor;
		if (match.isEmpty()) {
			survivor = ProfileState.fresh(Ids.next(IdentityResolver.PROFILE_PREFIX), now);
			profiles.put(survivor.id, survivor);
		}
		else {
			survivor = match.stream().min((a, b) -> a.id.compareTo(b.id)).orElseThrow();
			for (ProfileState other : match) {
				if (other != survivor) {
					merge(other, survivor, event, mergeCause);
				}
			}
		}
		joining.forEach((identifier, at) -> {
			survivor.identifiers.put(identifier, at);
			owners.put(identifier, survivor.id);
			newIdentifiers
				.add(new ProfileStore.NewIdentifier(identifier, survivor.id, at, event.channelId(), event.messageId()));
			survivor.dirty = true;
		});
		return survivor;
	}

	private void merge(ProfileState other, ProfileState survivor, CollectedEvent event, @Nullable Identifier cause) {
		other.identifiers.keySet().forEach(identifier -> owners.put(identifier, survivor.id));
		for (String purpose : survivor.absorb(other, event.occurredAt())) {
			consent.add(new ProfileStore.ConsentStatement(survivor.id, purpose,
					survivor.consent.path(purpose).path("granted").asBoolean(), event.occurredAt(), event.channelId(),
					"merge", event.messageId(), "system"));
		}
		mergedInto.put(other.id, survivor.id);
		merges.add(new Merge(survivor.id, other.id, cause, event));
	}

	private void apply(ProfileState profile, CollectedEvent event) {
		profile.record(event);
		for (Map.Entry<String, Boolean> statement : Consents.statements(event.payload())) {
			if (Consents.apply(profile.consent, statement.getKey(), statement.getValue(), event.occurredAt())) {
				profile.dirty = true;
				consent.add(new ProfileStore.ConsentStatement(profile.id, statement.getKey(), statement.getValue(),
						event.occurredAt(), event.channelId(), "event", event.messageId(), "system"));
			}
		}
	}

	private void write(List<CollectedEvent> batch, Map<Long, String> assigned, Map<Long, List<String>> promoted) {
		store.save(profiles.values(), now);
		for (Merge merge : merges) {
			store.moveIdentifiers(merge.merged(), merge.survivor());
			events.reassign(merge.merged(), merge.survivor());
			store.recordMerge(Ids.next("mrg"), merge.survivor(), merge.merged(), "MERGE",
					merge.cause() == null ? null : merge.cause().toString(), merge.event().channelId(),
					merge.event().messageId(), "system", now);
		}
		store.insertIdentifiers(newIdentifiers.stream()
			.map(i -> new ProfileStore.NewIdentifier(i.identifier(), live(i.profileId()).id, i.at(), i.channelId(),
					i.messageId()))
			.toList());
		List<CollectedEvents.Assignment> assignments = new ArrayList<>();
		for (CollectedEvent event : batch) {
			String profileId = assigned.get(event.seq());
			assignments.add(new CollectedEvents.Assignment(event.seq(), profileId == null ? null : live(profileId).id,
					promoted.getOrDefault(event.seq(), List.of()), event.occurredAt()));
		}
		events.assign(assignments);
		learnAfterCommit(assignments);
		ResolutionMeters.countAfterCommit(linked,
				assignments.stream().filter(assignment -> assignment.profileId() != null).count());
		store.recordDecisions(decisions);
		store.recordConsent(consent.stream()
			.map(c -> new ProfileStore.ConsentStatement(live(c.profileId()).id, c.purpose(), c.granted(), c.statedAt(),
					c.channelId(), c.source(), c.messageId(), c.actor()))
			.toList());
		merges.forEach(merge -> publisher.publishEvent(new ProfilesMerged(merge.survivor(), merge.merged(),
				merge.event().channelId(), merge.event().messageId())));
	}

	/**
	 * Tells the owner cache, once the batch is committed, which profile each event's
	 * identifiers went to, so that the next messages with them can be resolved at
	 * acceptance (ADR 0034).
	 */
	private void learnAfterCommit(List<CollectedEvents.Assignment> assignments) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				for (CollectedEvents.Assignment assignment : assignments) {
					if (assignment.profileId() != null && !assignment.identifiers().isEmpty()) {
						ProfileState profile = live(assignment.profileId());
						cache.learn(assignment.identifiers(), profile.id, profile.graphVersion);
					}
				}
			}
		});
	}

	/**
	 * The profile that holds an id's identity now, following merges made in this batch or
	 * before.
	 */
	private ProfileState live(String id) {
		String current = id;
		Set<String> seen = new LinkedHashSet<>();
		while (mergedInto.containsKey(current) && seen.add(current)) {
			current = mergedInto.get(current);
		}
		ProfileState state = profiles.get(current);
		if (state == null) {
			profiles.putAll(store.load(List.of(current)));
			state = profiles.get(current);
		}
		return state;
	}

	/**
	 * Records the decisions made about a message on the profile it went to as well, so
	 * that a profile shows why it did not take an identifier (a blocked value, a limit,
	 * the cap it was flagged for) and not only the profile it was kept from.
	 */
	private void attribute(int firstDecision, ProfileState profile) {
		int end = decisions.size();
		for (int i = firstDecision; i < end; i++) {
			ProfileStore.Decision decision = decisions.get(i);
			if (decision.profileId() == null) {
				decisions.set(i, decision.on(profile.id));
			}
			else if (!decision.profileId().equals(profile.id)) {
				decisions.add(decision.on(profile.id));
			}
		}
	}

	private void decide(@Nullable String profileId, CollectedEvent event, Identifier identifier, String rule,
			String detail) {
		decisions.add(new ProfileStore.Decision(profileId, event.channelId(), event.messageId(), identifier.toString(),
				rule, detail, now));
	}

	/** Another shard changed the profiles or identifiers of a batch in the meantime. */
	static final class ConcurrentGraphChange extends ConcurrencyFailureException {

		ConcurrentGraphChange(String message) {
			super(message);
		}

	}

	private record Merge(String survivor, String merged, @Nullable Identifier cause, CollectedEvent event) {
	}

}
