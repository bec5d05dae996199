package io.omnis.customer.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

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
 * Batches of different shards run at once (one batch per shard across all nodes, a
 * PostgreSQL advisory lock each): a batch locks the rows of the profiles it touches in id
 * order, checks that their identifiers did not move meanwhile and inserts new identifiers
 * under their unique key, so two shards meeting on one profile or identifier wait for
 * each other and the later one is done anew, never a lost update or a merge race.
 * <p>
 * This class runs batches and retries them; {@link ResolutionBatch} is the work of one
 * batch, and {@link OutOfTurnResolution} resolves single messages a caller is waiting
 * for.
 */
@Component
public class IdentityResolver {

	public static final String PROFILE_PREFIX = "cus";

	private static final int ATTEMPTS = 20;

	private static final Logger log = LoggerFactory.getLogger(IdentityResolver.class);

	private final CollectedEvents events;

	private final ProfileStore store;

	private final GraphLocks locks;

	private final IdentifierExtractor extractor;

	private final IdentityRules identityRules;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private final OutOfTurnResolution outOfTurn;

	private final Suppressions suppressions;

	private final OwnerCache cache;

	private final Counter linked;

	IdentityResolver(CollectedEvents events, ProfileStore store, GraphLocks locks, IdentifierExtractor extractor,
			IdentityRules identityRules, Suppressions suppressions, TransactionTemplate transactions,
			ApplicationEventPublisher publisher, Clock clock, OwnerCache cache, MeterRegistry meters) {
		this.cache = cache;
		this.linked = ResolutionMeters.linked(meters, "queue");
		this.suppressions = suppressions;
		this.events = events;
		this.store = store;
		this.locks = locks;
		this.extractor = extractor;
		this.identityRules = identityRules;
		this.transactions = transactions;
		this.publisher = publisher;
		this.clock = clock;
		this.outOfTurn = new OutOfTurnResolution(events, locks, transactions, this::resolve);
	}

	/** Resolves claimed events in the caller's transaction. */
	private void resolve(List<CollectedEvent> claimed) {
		new ResolutionBatch(events, store, extractor, identityRules, suppressions, publisher, clock.instant(), cache,
				linked)
			.resolve(claimed);
	}

	/**
	 * Resolves up to {@code limit} waiting events of every shard.
	 * @return how many were resolved; 0 when none waited or another node holds the graph
	 */
	public int resolveBatch(int limit) {
		return resolveBatch(0, 1, limit);
	}

	/**
	 * Resolves up to {@code limit} waiting events of one shard of {@code shards}. A batch
	 * that met another shard's concurrent change to the same profiles or identifiers is
	 * rolled back (its events wait again) and done anew, up to {@value #ATTEMPTS} times.
	 * @return how many were resolved; 0 when none waited or another node holds the shard
	 */
	public int resolveBatch(int shard, int shards, int limit) {
		for (int attempt = 1;; attempt++) {
			try {
				Integer resolved = transactions.execute(status -> {
					if (!locks.tryLockShard(shard)) {
						return 0;
					}
					List<CollectedEvent> batch = events.claimUnresolved(shard, shards, limit);
					if (!batch.isEmpty()) {
						resolve(batch);
					}
					return batch.size();
				});
				return resolved == null ? 0 : resolved;
			}
			catch (ConcurrencyFailureException | DuplicateKeyException ex) {
				if (attempt >= ATTEMPTS) {
					throw ex;
				}
				log.debug("A resolution batch of shard {} met a concurrent change; doing it anew", shard, ex);
			}
		}
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
			outOfTurn.resolveAlone(channelId, messageId);
		}
		else {
			outOfTurn.resolveTogether(new OutOfTurnResolution.OutOfTurn(channelId, messageId));
		}
		return events.find(channelId, messageId).map(CollectedEvent::profileId);
	}

	/**
	 * How many times an out-of-turn group has been done anew on this node (tests read
	 * it).
	 */
	public long outOfTurnRetries() {
		return outOfTurn.retries();
	}

	/**
	 * Marks the next waiting event as resolved to no profile, after it failed on its own;
	 * it stays in the log with the failure in the server's log.
	 */
	public void setAsideNext(int shard, int shards) {
		transactions.executeWithoutResult(status -> {
			locks.lockGraph();
			events.claimUnresolved(shard, shards, 1)
				.forEach(event -> events
					.assign(List.of(new CollectedEvents.Assignment(event.seq(), null, List.of(), event.occurredAt()))));
		});
	}

}
