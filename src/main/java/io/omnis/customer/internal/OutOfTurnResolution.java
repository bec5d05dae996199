package io.omnis.customer.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.tracking.CollectedEvent;
import io.omnis.tracking.CollectedEvents;

/**
 * Resolution of single messages out of turn, for callers that need a message's profile
 * before they can go on (a conversation attaching a sender). Each runs under the graph
 * lock (every shard's), so it never meets a batch; the messages asked for at the same
 * time on this node share one hold of it.
 */
final class OutOfTurnResolution {

	/** The most messages resolved out of turn under one hold of the graph lock. */
	private static final int MAX_OUT_OF_TURN = 100;

	private final CollectedEvents events;

	private final ProfileStore store;

	private final TransactionTemplate transactions;

	/** Resolves claimed events, in the caller's transaction, as a batch does. */
	private final Consumer<List<CollectedEvent>> resolve;

	private final ConcurrentLinkedQueue<OutOfTurn> outOfTurn = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean leading = new AtomicBoolean();

	OutOfTurnResolution(CollectedEvents events, ProfileStore store, TransactionTemplate transactions,
			Consumer<List<CollectedEvent>> resolve) {
		this.events = events;
		this.store = store;
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
	 * on this node are resolved under one hold of the graph lock, by whichever caller
	 * finds no other doing it, instead of queueing for the lock one by one (the lock,
	 * held for a few statements each time, was where inbound conversation messages spent
	 * most of their time). Across nodes the advisory lock still decides.
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
			transactions.executeWithoutResult(status -> {
				store.lockGraph();
				List<CollectedEvent> claimed = new ArrayList<>();
				for (OutOfTurn request : group) {
					events.claimUnresolved(request.channelId(), request.messageId()).ifPresent(claimed::add);
				}
				claimed.sort(Comparator.comparingLong(CollectedEvent::seq));
				if (!claimed.isEmpty()) {
					resolve.accept(claimed);
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

	void resolveAlone(String channelId, String messageId) {
		transactions.executeWithoutResult(status -> {
			store.lockGraph();
			events.claimUnresolved(channelId, messageId).ifPresent(event -> resolve.accept(List.of(event)));
		});
	}

}
