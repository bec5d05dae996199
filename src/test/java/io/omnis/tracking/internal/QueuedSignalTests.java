package io.omnis.tracking.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.CollectingOmnis;
import io.omnis.Poll;
import io.omnis.tracking.CollectedEvents;
import io.omnis.tracking.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Collection wakes this node's idle resolvers once the events it queued are committed: at
 * once for a request, only at the commit for code that records events inside its own
 * transaction (before it, the resolver could not see them). A wait that already saw the
 * latest ring lasts until the next one or its timeout, and events queued with no ring
 * here (by another node) are resolved by the poll.
 */
class QueuedSignalTests extends CollectingOmnis {

	private static final Duration SHORT = Duration.ofMillis(50);

	@Autowired
	private CollectedEvents collected;

	@Autowired
	private Collection collection;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private EventLog log;

	@Test
	void aCollectionRequestRingsOnceItsEventsAreCommitted() throws InterruptedException {
		Source source = source("queued-signal-web");
		long seen = collected.queuedSoFar();
		assertThat(send(source, track("Product Viewed", null, unique("anon"))).status()).isEqualTo(200);
		assertThat(collected.queuedSoFar()).isGreaterThan(seen);
		assertThat(collected.awaitQueued(seen, Duration.ZERO)).as("a wait that saw less returns at once").isTrue();
	}

	@Test
	void eventsRecordedInsideATransactionRingAtItsCommitAndNotOnARollback() {
		Source source = source("queued-signal-inner");
		AtomicBoolean rangBeforeCommit = new AtomicBoolean();
		long seen = collected.queuedSoFar();
		transactions.executeWithoutResult(status -> {
			collection.record(source.channelId(), track("Store Visited", null, unique("anon")));
			rangBeforeCommit.set(collected.queuedSoFar() != seen);
		});
		assertThat(rangBeforeCommit).as("rung before the commit").isFalse();
		assertThat(collected.queuedSoFar()).as("rung after the commit").isGreaterThan(seen);

		long committed = collected.queuedSoFar();
		transactions.executeWithoutResult(status -> {
			collection.record(source.channelId(), track("Store Visited", null, unique("anon")));
			status.setRollbackOnly();
		});
		assertThat(collected.queuedSoFar()).as("rung for a rolled back transaction").isEqualTo(committed);
	}

	/**
	 * Events another node collected ring nothing here: this node's idle workers find them
	 * by their poll, which backs off to {@code idle-poll-max} but never stops.
	 */
	@Test
	void eventsQueuedWithoutARingAreResolvedByThePoll() {
		Source source = source("queued-signal-other-node");
		String anonymousId = unique("anon");
		String messageId = unique("msg");
		String payload = "{\"type\":\"track\",\"event\":\"Store Visited\",\"anonymousId\":\"" + anonymousId
				+ "\",\"messageId\":\"" + messageId + "\"}";
		// Stored as another node's collection stores them: the log and the queue, no ring
		transactions.executeWithoutResult(status -> log.insert(
				source.channelId(), List
					.of(new Messages.Row(messageId, "track", "Store Visited", null, anonymousId, Instant.now(), payload,
							false,
							tools.jackson.databind.json.JsonMapper.shared()
								.readValue(payload, tools.jackson.databind.node.ObjectNode.class))),
				Instant.now(), false));
		Poll.until(RESOLUTION,
				() -> jdbc.sql("""
						select count(*) from event_profile p join tracked_event e on e.seq = p.seq
						 where e.channel_id = :channel and e.message_id = :message""")
					.param("channel", source.channelId())
					.param("message", messageId)
					.query(Long.class)
					.single(),
				resolved -> resolved == 1);
	}

	@Test
	void aWaitEndsAtTheRingOrAtItsTimeout() throws Exception {
		QueuedSignal signal = new QueuedSignal();
		long seen = signal.count();
		assertThat(signal.await(seen, SHORT)).as("no ring: the wait times out").isFalse();
		Thread ringer = Thread.ofVirtual().start(() -> {
			try {
				Thread.sleep(SHORT);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			signal.ring();
		});
		long started = System.nanoTime();
		assertThat(signal.await(seen, Duration.ofSeconds(30))).as("woken by the ring").isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		ringer.join();
		assertThat(signal.await(signal.count(), Duration.ZERO)).as("a wait that saw the latest ring").isFalse();
	}

}
