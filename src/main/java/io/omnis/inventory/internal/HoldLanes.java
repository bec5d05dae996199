package io.omnis.inventory.internal;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Reservation;
import io.omnis.inventory.Sku;
import io.omnis.inventory.internal.ReservingBatch.Outcome;
import io.omnis.inventory.internal.ReservingBatch.Wanted;
import io.omnis.kernel.Ids;

/**
 * Combines this node's one-line reservations of the same SKU, location and channel that
 * arrive while one of them is being held: they go to the database together, as one
 * statement in autocommit, decided in arrival order by the stock row's conditional
 * UPDATE. The database still decides (the other nodes' statements queue on the same row);
 * this only saves each its own statement, commit and wait for the row lock. A lone
 * request goes at once, alone.
 */
@Component
class HoldLanes {

	/** At most this many reservations in one statement. */
	static final int MAX_BATCH = 64;

	private final ConcurrentHashMap<Key, Lane> lanes = new ConcurrentHashMap<>();

	private final ReservingBatch batch;

	private final Clock clock;

	HoldLanes(ReservingBatch batch, Clock clock) {
		this.batch = batch;
		this.clock = clock;
	}

	/**
	 * Holds the reservation's only line, with the reservations that arrive for the same
	 * stock meanwhile; returns once its own statement committed.
	 */
	Outcome hold(Reservation header, Sku sku, LocationId location, int quantity, String actor) {
		Key key = new Key(sku, location, header.channelId());
		Waiting mine = new Waiting(new Wanted(header, quantity, actor, Ids.next("mov")));
		Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
		boolean lead;
		synchronized (lane) {
			lane.waiting.add(mine);
			lead = !lane.busy;
			lane.busy = true;
		}
		if (!lead) {
			CompletableFuture.anyOf(mine.turn, mine.outcome).exceptionally(failed -> null).join();
			if (mine.outcome.isDone()) {
				return outcome(mine);
			}
		}
		// This thread leads: it sends everything waiting (itself first), then hands the
		// lane to the next one waiting, or leaves it idle
		List<Waiting> sent = new ArrayList<>();
		synchronized (lane) {
			while (!lane.waiting.isEmpty() && sent.size() < MAX_BATCH) {
				sent.add(lane.waiting.poll());
			}
		}
		try {
			List<Outcome> outcomes = batch.hold(sku, location, header.channelId(),
					sent.stream().map(w -> w.wanted).toList(), clock.instant());
			for (int i = 0; i < sent.size(); i++) {
				sent.get(i).outcome.complete(outcomes.get(i));
			}
		}
		catch (RuntimeException failed) {
			sent.forEach(w -> w.outcome.completeExceptionally(failed));
		}
		finally {
			Waiting next;
			synchronized (lane) {
				next = lane.waiting.peek();
				if (next == null) {
					lane.busy = false;
					lanes.remove(key, lane);
				}
			}
			if (next != null) {
				next.turn.complete(null);
			}
		}
		return outcome(mine);
	}

	private static Outcome outcome(Waiting waiting) {
		try {
			return waiting.outcome.join();
		}
		catch (CompletionException failed) {
			throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
		}
	}

	private record Key(Sku sku, LocationId location, ChannelId channel) {
	}

	/**
	 * The reservations of one stock waiting to be sent, and whether one is being sent.
	 */
	private static final class Lane {

		final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

		boolean busy;

	}

	private static final class Waiting {

		final Wanted wanted;

		/** Completed when it is this one's turn to send the lane's batch. */
		final CompletableFuture<@Nullable Void> turn = new CompletableFuture<>();

		final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

		Waiting(Wanted wanted) {
			this.wanted = wanted;
		}

	}

}
