package io.omnis.conversation.sla;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.conversation.Conversation;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.SlaEvents.SlaBreached;
import io.omnis.conversation.SlaEvents.Target;
import io.omnis.kernel.Ids;

/**
 * Starts, moves and stops the service-level clocks of conversations. A clock starts when
 * what it measures starts (the conversation opens, the customer writes after an answer),
 * and stops when an agent answers or the conversation is resolved; a clock stopped after
 * its due time is a breach even if the watch had not seen it yet.
 */
@Service
@Transactional
public class SlaClocks {

	private final JdbcClient jdbc;

	private final SlaSettings settings;

	private final ApplicationEventPublisher events;

	private final SlaPauses pauses;

	SlaClocks(JdbcClient jdbc, SlaSettings settings, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.events = events;
		this.pauses = new SlaPauses(jdbc, settings);
	}

	/** A clock as stored. */
	public record Clock(ConversationId conversationId, Target target, String policyId, Instant startedAt, Instant dueAt,
			Instant warnAt, @org.jspecify.annotations.Nullable Instant metAt,
			@org.jspecify.annotations.Nullable Instant warnedAt, @org.jspecify.annotations.Nullable Instant breachedAt,
			@org.jspecify.annotations.Nullable Instant pausedAt) {

		/** RUNNING, AT_RISK, PAUSED (waiting for the customer), BREACHED or MET. */
		public String state() {
			if (breachedAt != null) {
				return "BREACHED";
			}
			if (metAt != null) {
				return "MET";
			}
			if (pausedAt != null) {
				return "PAUSED";
			}
			return warnedAt != null ? "AT_RISK" : "RUNNING";
		}

	}

	/** A new conversation: first response and resolution clocks from its creation. */
	public void opened(Conversation conversation, Instant from) {
		settings.policyFor(conversation.team(), conversation.priority()).ifPresent(policy -> {
			if (conversation.firstResponseAt() == null) {
				start(conversation.id(), Target.FIRST_RESPONSE, policy, from, false);
			}
			start(conversation.id(), Target.RESOLUTION, policy, from, false);
		});
	}

	/**
	 * The customer wrote: the resolution clock goes on if it waited for her, and after an
	 * answer the next-response clock starts.
	 */
	public void customerWrote(Conversation conversation, Instant at) {
		pauses.resume(conversation.id(), at);
		if (conversation.firstResponseAt() == null) {
			return;
		}
		boolean running = clock(conversation.id(), Target.NEXT_RESPONSE).map(clock -> clock.metAt() == null)
			.orElse(false);
		if (!running) {
			settings.policyFor(conversation.team(), conversation.priority())
				.ifPresent(policy -> start(conversation.id(), Target.NEXT_RESPONSE, policy, at, true));
		}
	}

	/**
	 * An agent answered: the response clocks stop, and the resolution clock waits for the
	 * customer.
	 */
	public void agentAnswered(ConversationId id, Instant at) {
		meet(id, List.of(Target.FIRST_RESPONSE, Target.NEXT_RESPONSE), at);
		pauses.pause(id, at);
	}

	/** Resolution stops every clock. */
	public void resolved(ConversationId id, Instant at) {
		meet(id, List.of(Target.values()), at);
	}

	/** A reopened conversation has a new resolution clock from now. */
	public void reopened(Conversation conversation, Instant at) {
		settings.policyFor(conversation.team(), conversation.priority())
			.ifPresent(policy -> start(conversation.id(), Target.RESOLUTION, policy, at, true));
	}

	/**
	 * The priority or team changed: running clocks are counted again under the policy
	 * that applies now, from when they started; clocks it does not set are dropped.
	 */
	public void reprioritised(Conversation conversation) {
		Optional<SlaPolicy> policy = settings.policyFor(conversation.team(), conversation.priority());
		for (Clock clock : clocks(conversation.id())) {
			if (clock.metAt() != null || clock.breachedAt() != null) {
				continue;
			}
			Duration allowed = policy.map(p -> p.allowed(clock.target())).orElse(null);
			if (allowed == null) {
				jdbc.sql("delete from conversation_sla where conversation_id = :id and target = :target")
					.param("id", conversation.id().value())
					.param("target", clock.target().name())
					.update();
			}
			else {
				pauses.recount(clock, policy.get());
			}
		}
		if (clocks(conversation.id()).isEmpty() && !conversation.isResolved()) {
			opened(conversation, conversation.createdAt());
		}
	}

	public List<Clock> clocks(ConversationId id) {
		return jdbc.sql("select * from conversation_sla where conversation_id = :id order by target")
			.param("id", id.value())
			.query((rs, row) -> clockRow(rs))
			.list();
	}

	private Optional<Clock> clock(ConversationId id, Target target) {
		return jdbc.sql("select * from conversation_sla where conversation_id = :id and target = :target")
			.param("id", id.value())
			.param("target", target.name())
			.query((rs, row) -> clockRow(rs))
			.optional();
	}

	private void start(ConversationId id, Target target, SlaPolicy policy, Instant from, boolean replace) {
		Duration allowed = policy.allowed(target);
		if (allowed == null) {
			return;
		}
		BusinessHours hours = settings.calendar(policy.calendarId()).hours();
		Instant due = hours.plus(from, allowed);
		Instant warn = hours.plus(from, policy.warnAfter(allowed));
		jdbc.sql("""
				insert into conversation_sla (conversation_id, target, policy_id, started_at, due_at, warn_at)
				values (:id, :target, :policy, :from, :due, :warn)
				on conflict (conversation_id, target) do update
				   set policy_id = excluded.policy_id, started_at = excluded.started_at, due_at = excluded.due_at,
				       warn_at = excluded.warn_at, met_at = null, warned_at = null, breached_at = null,
				       paused_at = null, paused_seconds = 0, resumed_at = null
				 where :replace""")
			.param("id", id.value())
			.param("target", target.name())
			.param("policy", policy.id())
			.param("from", Timestamp.from(from))
			.param("due", Timestamp.from(due))
			.param("warn", Timestamp.from(warn))
			.param("replace", replace)
			.update();
	}

	private void meet(ConversationId id, List<Target> targets, Instant at) {
		List<Clock> met = jdbc.sql("""
				update conversation_sla set met_at = :at
				 where conversation_id = :id and target = any(:targets) and met_at is null
				returning *""")
			.param("id", id.value())
			.param("targets", targets.stream().map(Target::name).toArray(String[]::new))
			.param("at", Timestamp.from(at))
			.query((rs, row) -> clockRow(rs))
			.list();
		for (Clock clock : met) {
			// A clock that waited for the customer stopped counting when she was asked
			Instant end = clock.pausedAt() != null && clock.pausedAt().isBefore(at) ? clock.pausedAt() : at;
			if (clock.breachedAt() == null && clock.dueAt().isBefore(end)) {
				breach(clock);
			}
		}
	}

	/** Records a missed target once, with the time it was missed. */
	void breach(Clock clock) {
		jdbc.sql("""
				update conversation_sla set breached_at = due_at
				 where conversation_id = :id and target = :target and breached_at is null""")
			.param("id", clock.conversationId().value())
			.param("target", clock.target().name())
			.update();
		int recorded = jdbc.sql("""
				insert into sla_breach (id, conversation_id, target, policy_id, due_at, breached_at)
				values (:bid, :id, :target, :policy, :due, :due) on conflict do nothing""")
			.param("bid", Ids.next("slb"))
			.param("id", clock.conversationId().value())
			.param("target", clock.target().name())
			.param("policy", clock.policyId())
			.param("due", Timestamp.from(clock.dueAt()))
			.update();
		if (recorded == 1) {
			events.publishEvent(new SlaBreached(clock.conversationId(), clock.target(), clock.dueAt(), clock.dueAt()));
		}
	}

	static Clock clockRow(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Clock(new ConversationId(rs.getString("conversation_id")), Target.valueOf(rs.getString("target")),
				rs.getString("policy_id"), rs.getTimestamp("started_at").toInstant(),
				rs.getTimestamp("due_at").toInstant(), rs.getTimestamp("warn_at").toInstant(), instant(rs, "met_at"),
				instant(rs, "warned_at"), instant(rs, "breached_at"), instant(rs, "paused_at"));
	}

	@SuppressWarnings("NullAway")
	private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

}
