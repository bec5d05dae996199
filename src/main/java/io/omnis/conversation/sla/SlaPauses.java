package io.omnis.conversation.sla;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.omnis.conversation.ConversationId;
import io.omnis.conversation.SlaEvents.Target;

/**
 * Stops the resolution clock while a conversation waits for the customer and lets it go
 * on when she writes. The rule: an agent's answer (not a private note) puts the
 * conversation in the customer's hands, her next message (not an auto-reply) takes it
 * back. Business hours still apply: the clock's due time is its start plus the allowed
 * business time plus the business time of every pause, so a pause over a night, a weekend
 * or a holiday costs the customer nothing and gives the team nothing.
 * <p>
 * Listeners may run out of order: a pause reported with a time before her latest message
 * is ignored, and so is a resume from a message older than the pause.
 */
final class SlaPauses {

	private final JdbcClient jdbc;

	private final SlaSettings settings;

	SlaPauses(JdbcClient jdbc, SlaSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	void pause(ConversationId id, Instant at) {
		jdbc.sql("""
				update conversation_sla set paused_at = :at
				 where conversation_id = :id and target = :target and met_at is null and breached_at is null
				   and paused_at is null and (resumed_at is null or resumed_at < :at)""")
			.param("id", id.value())
			.param("target", Target.RESOLUTION.name())
			.param("at", Timestamp.from(at))
			.update();
	}

	void resume(ConversationId id, Instant at) {
		Paused paused = jdbc.sql("""
				select started_at, paused_at, paused_seconds, policy_id from conversation_sla
				 where conversation_id = :id and target = :target for update""")
			.param("id", id.value())
			.param("target", Target.RESOLUTION.name())
			.query((rs, row) -> new Paused(rs.getTimestamp(1).toInstant(),
					rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getString(4)))
			.optional()
			.orElse(null);
		Instant pausedAt = paused == null ? null : paused.pausedAt();
		if (paused == null || pausedAt == null || at.isBefore(pausedAt)) {
			jdbc.sql("""
					update conversation_sla set resumed_at = greatest(resumed_at, :at)
					 where conversation_id = :id and target = :target""")
				.param("id", id.value())
				.param("target", Target.RESOLUTION.name())
				.param("at", Timestamp.from(at))
				.update();
			return;
		}
		SlaPolicy policy = settings.findPolicy(paused.policyId()).orElse(null);
		Duration pauses = Duration.ofSeconds(paused.seconds());
		Instant due = null;
		Instant warn = null;
		Duration allowed = policy == null ? null : policy.allowed(Target.RESOLUTION);
		if (policy != null && allowed != null) {
			BusinessHours hours = settings.calendar(policy.calendarId()).hours();
			pauses = pauses.plus(hours.between(pausedAt, at));
			due = hours.plus(paused.startedAt(), allowed.plus(pauses));
			warn = hours.plus(paused.startedAt(), policy.warnAfter(allowed).plus(pauses));
		}
		jdbc.sql("""
				update conversation_sla
				   set due_at = coalesce(cast(:due as timestamptz), due_at),
				       warn_at = coalesce(cast(:warn as timestamptz), warn_at), paused_at = null,
				       paused_seconds = :seconds, resumed_at = :at
				 where conversation_id = :id and target = :target""")
			.param("id", id.value())
			.param("target", Target.RESOLUTION.name())
			.param("due", due == null ? null : Timestamp.from(due))
			.param("warn", warn == null ? null : Timestamp.from(warn))
			.param("seconds", pauses.toSeconds())
			.param("at", Timestamp.from(at))
			.update();
	}

	/**
	 * A new policy applies: the clock is counted again from its start under it, its
	 * pauses kept.
	 */
	void recount(SlaClocks.Clock clock, SlaPolicy policy) {
		Duration allowed = policy.allowed(clock.target());
		if (allowed == null) {
			return;
		}
		long seconds = jdbc
			.sql("select paused_seconds from conversation_sla where conversation_id = :id and target = :target")
			.param("id", clock.conversationId().value())
			.param("target", clock.target().name())
			.query(Long.class)
			.single();
		BusinessHours hours = settings.calendar(policy.calendarId()).hours();
		Duration pauses = Duration.ofSeconds(seconds);
		jdbc.sql("""
				update conversation_sla set policy_id = :policy, due_at = :due, warn_at = :warn, warned_at = null
				 where conversation_id = :id and target = :target""")
			.param("id", clock.conversationId().value())
			.param("target", clock.target().name())
			.param("policy", policy.id())
			.param("due", Timestamp.from(hours.plus(clock.startedAt(), allowed.plus(pauses))))
			.param("warn", Timestamp.from(hours.plus(clock.startedAt(), policy.warnAfter(allowed).plus(pauses))))
			.update();
	}

	private record Paused(Instant startedAt, @org.jspecify.annotations.Nullable Instant pausedAt, long seconds,
			String policyId) {
	}

}
