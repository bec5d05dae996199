package io.omnis.tracking.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

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

	private static final String STATEMENT = "insert into event_profile (seq, profile_id, occurred_at";

	@Autowired
	CollectedEvents events;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aBatchOfOneEventKeepsAGenericPlanAndItsEventTime() {
		Instant occurred = Instant.parse("2026-03-01T10:15:30.123456Z");
		long first = Long.MAX_VALUE - 1_000 - System.nanoTime() % 1_000_000_000L;
		transactions.executeWithoutResult(status -> {
			PreparedPlans before = PreparedPlans.of(jdbc, STATEMENT);
			// pgjdbc prepares the statement on the server from its fifth execution;
			// PostgreSQL makes five custom plans, then keeps the generic one if it is no
			// dearer
			for (int n = 0; n < 20; n++) {
				events.assign(List.of(new CollectedEvents.Assignment(first - n, "pro_plan" + n,
						List.of("user_id:plan-" + n), occurred.plus(n, ChronoUnit.SECONDS))));
			}
			PreparedPlans planned = PreparedPlans.of(jdbc, STATEMENT).since(before);
			assertThat(planned.custom()).as("custom plans").isLessThanOrEqualTo(5);
			assertThat(planned.generic()).as("executions of a generic plan").isGreaterThanOrEqualTo(8);
			assertThat(jdbc.sql("select occurred_at from event_profile where seq = :seq")
				.param("seq", first - 7)
				.query(Instant.class)
				.single()).isEqualTo(occurred.plusSeconds(7));
			status.setRollbackOnly();
		});
	}

}
