package io.omnis.customer.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.customer.Identifier;
import io.omnis.customer.ProfileEvents.ProfilesMerged;
import io.omnis.kernel.Ids;
import io.omnis.tracking.CollectedEvent;
import io.omnis.tracking.CollectedEvents;

/**
 * Resolves collected events into profiles, a batch at a time, in acceptance order.
 * <p>
 * For each message, its identifiers are taken in priority order. An identifier that
 * belongs to another profile brings that profile into the match unless the merged profile
 * would break a limit (two user ids, too many e-mails) or a cap; then that identifier is
 * left out of the match and the decision is recorded, so a second person on a shared
 * device never merges into the first. New identifiers join under the same rules. Profiles
 * in the match merge into the oldest.
 * <p>
 * One batch changes the graph at a time across all nodes (a PostgreSQL advisory lock):
 * batching makes a single writer fast, and it rules out merge races.
 */
@Component
public class IdentityResolver {

	public static final String PROFILE_PREFIX = "cus";

	private final CollectedEvents events;

	private final ProfileStore store;

	private final IdentifierExtractor extractor;

	private final IdentityRules identityRules;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	/** The most messages resolved out of turn under one hold of the graph lock. */
	private static final int MAX_OUT_OF_TURN = 100;

	private final java.util.concurrent.ConcurrentLinkedQueue<OutOfTurn> outOfTurn = new java.util.concurrent.ConcurrentLinkedQueue<>();

	private final java.util.concurrent.atomic.AtomicBoolean leading = new java.util.concurrent.atomic.AtomicBoolean();

	IdentityResolver(CollectedEvents events, ProfileStore store, IdentifierExtractor extractor,
			IdentityRules identityRules, TransactionTemplate transactions, ApplicationEventPublisher publisher,
			Clock clock) {
		this.events = events;
		this.store = store;
		this.extractor = extractor;
		this.identityRules = identityRules;
		this.transactions = transactions;
		this.publisher = publisher;
		this.clock = clock;
	}

	/**
	 * Resolves up to {@code limit} waiting events.
	 * @return how many were resolved; 0 when none waited or another node holds the graph
	 */
	public int resolveBatch(int limit) {
		Integer resolved = transactions.execute(status -> {
			if (!store.tryLockGraph()) {
				return 0;
			}
			List<CollectedEvent> batch = events.claimUnresolved(limit);
			if (!batch.isEmpty()) {
				new Batch(clock.instant()).resolve(batch);
			}
			return batch.size();
		});
		return resolved == null ? 0 : resolved;
	}

	/**
	 * Resolves one message now, out of turn, for a caller that needs its profile before
	 * it can go on (a conversation attaching a sender). The rules are those of a batch;
	 * only the order differs from acceptance order, for this one message.
	 * @return the profile the message went to (perhaps merged since); empty when the
	 * message is unknown or carried no usable identifier
	 */
	public Optional<String> resolveNow(String channelId, String messageId) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// The caller's transaction may hold the event unseen by any other: resolve it
			// in that transaction
			resolveAlone(channelId, messageId);
		}
		else {
			resolveTogether(new OutOfTurn(channelId, messageId));
		}
		return events.find(channelId, messageId).map(CollectedEvent::profileId);
	}

	/** A message to resolve out of turn, and when that is done. */
	private record OutOfTurn(String channelId, String messageId, CompletableFuture<Void> done) {

		OutOfTurn(String channelId, String messageId) {
			this(channelId, messageId, new CompletableFuture<>());
		}

	}

	/**
	 * Group resolution: the messages that ask to be resolved out of turn at the same time
	 * on this node are resolved under one hold of the graph lock, by whichever caller
	 * finds no other doing it, instead of queueing for the lock one by one (the lock,
	 * held for a few statements each time, was where inbound conversation messages spent
	 * most of their time). Across nodes the advisory lock still decides.
	 */
	private void resolveTogether(OutOfTurn mine) {
		outOfTurn.add(mine);
		while (!mine.done().isDone()) {
			if (leading.compareAndSet(false, true)) {
				try {
					resolveWaiting();
				}
				finally {
					leading.set(false);
				}
			}
			else {
				try {
					mine.done().get(2, TimeUnit.MILLISECONDS);
				}
				catch (TimeoutException | ExecutionException ex) {
					// Not done yet (try to lead), or failed (reported below)
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while resolving a message", ex);
				}
			}
		}
		try {
			mine.done().join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private void resolveWaiting() {
		List<OutOfTurn> group = new ArrayList<>();
		for (OutOfTurn next; group.size() < MAX_OUT_OF_TURN && (next = outOfTurn.poll()) != null;) {
			group.add(next);
		}
		if (group.isEmpty()) {
			return;
		}
		try {
			transactions.executeWithoutResult(status -> {
				store.lockGraph();
				List<CollectedEvent> claimed = new ArrayList<>();
				for (OutOfTurn request : group) {
					events.claimUnresolved(request.channelId(), request.messageId()).ifPresent(claimed::add);
				}
				claimed.sort(java.util.Comparator.comparingLong(CollectedEvent::seq));
				if (!claimed.isEmpty()) {
					new Batch(clock.instant()).resolve(claimed);
				}
			});
			group.forEach(request -> request.done().complete(null));
		}
		catch (RuntimeException ex) {
			// One message failed the group: each on its own, so that only it fails
			for (OutOfTurn request : group) {
				try {
					resolveAlone(request.channelId(), request.messageId());
					request.done().complete(null);
				}
				catch (RuntimeException failed) {
					request.done().completeExceptionally(failed);
				}
			}
		}
		catch (Error error) {
			// Never leave a waiting caller without an answer
			group.forEach(request -> request.done().completeExceptionally(error));
			throw error;
		}
	}

	private void resolveAlone(String channelId, String messageId) {
		transactions.executeWithoutResult(status -> {
			store.lockGraph();
			events.claimUnresolved(channelId, messageId)
				.ifPresent(event -> new Batch(clock.instant()).resolve(List.of(event)));
		});
	}

	/**
	 * Marks the next waiting event as resolved to no profile, after it failed on its own;
	 * it stays in the log with the failure in the server's log.
	 */
	public void setAsideNext() {
		transactions.executeWithoutResult(status -> {
			store.lockGraph();
			events.claimUnresolved(1)
				.forEach(event -> events.assign(List.of(new CollectedEvents.Assignment(event.seq(), null, List.of()))));
		});
	}

	/**
	 * The work of one batch: the profiles it touched, in memory until written at the end.
	 */
	private final class Batch {

		private final Instant now;

		private final Map<Identifier, String> owners = new HashMap<>();

		private final Map<String, ProfileState> profiles = new HashMap<>();

		private final Map<String, String> mergedInto = new HashMap<>();

		private final List<ProfileStore.NewIdentifier> newIdentifiers = new ArrayList<>();

		private final List<ProfileStore.Decision> decisions = new ArrayList<>();

		private final List<ProfileStore.ConsentStatement> consent = new ArrayList<>();

		private final List<Merge> merges = new ArrayList<>();

		Batch(Instant now) {
			this.now = now;
		}

		void resolve(List<CollectedEvent> batch) {
			List<IdentifierExtractor.Extracted> extracted = batch.stream().map(extractor::extract).toList();
			Set<Identifier> all = new HashSet<>();
			extracted.forEach(e -> all.addAll(e.identifiers()));
			owners.putAll(store.owners(all));
			profiles.putAll(store.load(new HashSet<>(owners.values())));

			Map<Long, String> assigned = new LinkedHashMap<>();
			Map<Long, List<String>> promoted = new HashMap<>();
			for (int i = 0; i < batch.size(); i++) {
				CollectedEvent event = batch.get(i);
				IdentifierExtractor.Extracted found = extracted.get(i);
				int firstDecision = decisions.size();
				found.blocked()
					.forEach(blocked -> decide(null, event, blocked, "blocked-value",
							"The value is on the blocked list and is never an identifier"));
				List<String> kept = new ArrayList<>();
				ProfileState profile = resolve(event, found.identifiers(), kept);
				if (profile != null) {
					attribute(firstDecision, profile);
					apply(profile, event);
					assigned.put(event.seq(), profile.id);
					promoted.put(event.seq(), kept);
				}
			}
			write(batch, assigned, promoted);
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
				survivor = ProfileState.fresh(Ids.next(PROFILE_PREFIX), now);
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
				newIdentifiers.add(new ProfileStore.NewIdentifier(identifier, survivor.id, at, event.channelId(),
						event.messageId()));
				survivor.dirty = true;
			});
			return survivor;
		}

		private void merge(ProfileState other, ProfileState survivor, CollectedEvent event,
				@Nullable Identifier cause) {
			other.identifiers.keySet().forEach(identifier -> owners.put(identifier, survivor.id));
			for (String purpose : survivor.absorb(other, event.occurredAt())) {
				consent.add(new ProfileStore.ConsentStatement(survivor.id, purpose,
						survivor.consent.path(purpose).path("granted").asBoolean(), event.occurredAt(),
						event.channelId(), "merge", event.messageId(), "system"));
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
				store.moveChannelUse(merge.merged(), merge.survivor());
				events.reassign(merge.merged(), merge.survivor());
				store.recordMerge(Ids.next("mrg"), merge.survivor(), merge.merged(), "MERGE",
						merge.cause() == null ? null : merge.cause().toString(), merge.event().channelId(),
						merge.event().messageId(), "system", now);
			}
			store.insertIdentifiers(newIdentifiers.stream()
				.map(i -> new ProfileStore.NewIdentifier(i.identifier(), live(i.profileId()).id, i.at(), i.channelId(),
						i.messageId()))
				.toList());
			store.addChannelUse(profiles.values().stream().filter(p -> p.mergedInto == null).toList());
			List<CollectedEvents.Assignment> assignments = new ArrayList<>();
			for (CollectedEvent event : batch) {
				String profileId = assigned.get(event.seq());
				assignments.add(new CollectedEvents.Assignment(event.seq(),
						profileId == null ? null : live(profileId).id, promoted.getOrDefault(event.seq(), List.of())));
			}
			events.assign(assignments);
			store.recordDecisions(decisions);
			store.recordConsent(consent.stream()
				.map(c -> new ProfileStore.ConsentStatement(live(c.profileId()).id, c.purpose(), c.granted(),
						c.statedAt(), c.channelId(), c.source(), c.messageId(), c.actor()))
				.toList());
			merges.forEach(merge -> publisher.publishEvent(new ProfilesMerged(merge.survivor(), merge.merged(),
					merge.event().channelId(), merge.event().messageId())));
		}

		/**
		 * The profile that holds an id's identity now, following merges made in this
		 * batch or before.
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
		 * Records the decisions made about a message on the profile it went to as well,
		 * so that a profile shows why it did not take an identifier (a blocked value, a
		 * limit, the cap it was flagged for) and not only the profile it was kept from.
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
			decisions.add(new ProfileStore.Decision(profileId, event.channelId(), event.messageId(),
					identifier.toString(), rule, detail, now));
		}

	}

	private record Merge(String survivor, String merged, @Nullable Identifier cause, CollectedEvent event) {
	}

}
