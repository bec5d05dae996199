package io.omnis.customer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.tracking.CollectedEvent;
import io.omnis.tracking.CollectedEvents;

/**
 * Resolution of single messages out of turn, for callers that need a message's profile
 * before they can go on (a conversation attaching a sender). The messages asked for at
 * the same time on this node are resolved together, in one transaction that runs beside
 * the batches: it meets them as two shards' batches meet (profile rows locked in id
 * order, identifiers under their unique key), and is done anew when it met one. Only
 * holders of the graph lock (a split, consent) keep it out. A group that keeps meeting
 * others, or fails, is resolved one message at a time under the graph lock.
 */
final class OutOfTurnResolution {

	/** The most messages resolved out of turn in one transaction. */
	private static final int MAX_OUT_OF_TURN = 100;

	/**
	 * How many times a group that met a batch's or another group's change is done anew
	 * before its messages are resolved one by one under the graph lock.
	 */
	static final int ATTEMPTS = 5;

	private final CollectedEvents events;

	private final GraphLocks locks;

	private final TransactionTemplate transactions;

	/** Resolves claimed events, in the caller's transaction, as a batch does. */
	private final Consumer<List<CollectedEvent>> resolve;

	private final ConcurrentLinkedQueue<OutOfTurn> outOfTurn = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean leading = new AtomicBoolean();

	private final AtomicLong retries = new AtomicLong();

	OutOfTurnResolution(CollectedEvents events, GraphLocks locks, TransactionTemplate transactions,
			Consumer<List<CollectedEvent>> resolve) {
		this.events = events;
		this.locks = locks;
		this.transactions = transactions;
		this.resolve = resolve;
	}

	/** A message to resolve out of turn, and when that is done. */
	record OutOfTurn(String channelId, String messageId, CompletableFuture<Void> done) {

		OutOfTurn(String channelId, String messageId) {
			this(channelId, messageId, new CompletableFuture<>());
		}

	}

	/**
	 * Group resolution: the messages that ask to be resolved out of turn at the same time
	 * on this node are resolved in one transaction, by whichever caller finds no other
	 * doing it, instead of one transaction each. Across nodes, groups run side by side as
	 * batches do.
	 */
	void resolveTogether(OutOfTurn mine) {
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
		catch (CompletionException ex) {
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
			resolveGroup(group);
			group.forEach(request -> request.done().complete(null));
		}
		catch (RuntimeException ex) {
			// The group failed or kept meeting others: each message on its own under the
			// graph lock, so that only one that fails by itself fails
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

	/**
	 * Resolves the group beside the batches, done anew up to {@value #ATTEMPTS} times
	 * when it met a concurrent change to its profiles or identifiers.
	 */
	private void resolveGroup(List<OutOfTurn> group) {
		List<CollectedEvents.MessageRef> messages = group.stream()
			.map(request -> new CollectedEvents.MessageRef(request.channelId(), request.messageId()))
			.toList();
		for (int attempt = 1;; attempt++) {
			try {
				transactions.executeWithoutResult(status -> {
					locks.enterGraph();
					List<CollectedEvent> claimed = events.claimUnresolved(messages);
					if (!claimed.isEmpty()) {
						resolve.accept(claimed);
					}
				});
				return;
			}
			catch (ConcurrencyFailureException | DuplicateKeyException ex) {
				if (attempt >= ATTEMPTS) {
					throw ex;
				}
				retries.incrementAndGet();
			}
		}
	}

	/** How many times a group has been done anew on this node (tests read it). */
	long retries() {
		return retries.get();
	}

	/**
	 * Resolves one message under the graph lock, so that it meets nobody: in the caller's
	 * transaction (where it cannot be done anew), or when its group failed.
	 */
	void resolveAlone(String channelId, String messageId) {
		transactions.executeWithoutResult(status -> {
			locks.lockGraph();
			List<CollectedEvent> claimed = events
				.claimUnresolved(List.of(new CollectedEvents.MessageRef(channelId, messageId)));
			if (!claimed.isEmpty()) {
				resolve.accept(claimed);
			}
		});
	}

}
