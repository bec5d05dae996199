package io.omnis.tracking.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.CollectingOmnis;
import io.omnis.PreparedPlans;
import io.omnis.tracking.CollectedEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resolution records each event's profile in {@code event_profile} by one statement per
 * batch. A batch of one event (a conversation message, a quiet source) is common, and its
 * statement keeps the generic plan PostgreSQL makes once per connection instead of being
 * planned again on every call (ADR 0026).
 */
class EventProfilePlanTests extends CollectingOmnis {

	@Autowired
	CollectedEvents events;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aBatchOfOneEventKeepsAGenericPlanAndItsEventTime() {
		Instant occurred = Instant.parse("2026-03-01T10:15:30.123456Z");
		// Sequence numbers no collected event has, in a transaction that is rolled back
		AtomicLong seq = new AtomicLong(Long.MAX_VALUE - 1_000 - System.nanoTime() % 1_000_000_000L);
		PreparedPlans.assertKeptGeneric(transactions, jdbc, "insert into event_profile (seq, profile_id, occurred_at",
				() -> {
					long next = seq.decrementAndGet();
					events.assign(List.of(new CollectedEvents.Assignment(next, "pro_plan" + next,
							List.of("user_id:plan-" + next), occurred)));
					assertThat(jdbc.sql("select occurred_at from event_profile where seq = :seq")
						.param("seq", next)
						.query(Instant.class)
						.single()).isEqualTo(occurred);
				});
	}

}
