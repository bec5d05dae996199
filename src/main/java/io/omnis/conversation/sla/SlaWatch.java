package io.omnis.conversation.sla;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.conversation.SlaEvents.SlaAtRisk;

/**
 * Looks at the running clocks every few seconds on every node: those past their warning
 * time become at risk, those past their due time are breached. Rows are claimed with
 * {@code SKIP LOCKED}, so two nodes never warn or breach the same clock twice.
 */
@Service
public class SlaWatch {

	private final JdbcClient jdbc;

	private final SlaClocks clocks;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SlaWatch(JdbcClient jdbc, SlaClocks clocks, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.clocks = clocks;
		this.events = events;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${omnis.conversation.sla.check-interval:15s}", initialDelayString = "5s")
	void scheduled() {
		check(clock.instant());
	}

	/**
	 * Warns and breaches as of {@code now}.
	 * @return how many clocks changed
	 */
	@Transactional
	public int check(Instant now) {
		List<SlaClocks.Clock> due = jdbc.sql("""
				select * from conversation_sla
				 where met_at is null and breached_at is null and paused_at is null and due_at <= :now
				 order by due_at limit 500 for update skip locked""")
			.param("now", Timestamp.from(now))
			.query((rs, row) -> SlaClocks.clockRow(rs))
			.list();
		due.forEach(clocks::breach);
		List<SlaClocks.Clock> atRisk = jdbc.sql("""
				update conversation_sla set warned_at = :now
				 where (conversation_id, target) in (
				       select conversation_id, target from conversation_sla
				        where met_at is null and warned_at is null and paused_at is null and warn_at <= :now
				        order by warn_at limit 500 for update skip locked)
				returning *""").param("now", Timestamp.from(now)).query((rs, row) -> SlaClocks.clockRow(rs)).list();
		atRisk.forEach(c -> events.publishEvent(new SlaAtRisk(c.conversationId(), c.target(), c.dueAt())));
		return due.size() + atRisk.size();
	}

	/** A conversation in progress with a clock at risk or missed. */
	public record AtRisk(String conversationId, String target, Instant dueAt, String state, String status,
			@org.jspecify.annotations.Nullable String assigneeId, String priority,
			@org.jspecify.annotations.Nullable String team) {
	}

	/**
	 * The conversations in progress whose clocks are at risk or breached, soonest due
	 * first.
	 */
	@Transactional(readOnly = true)
	public List<AtRisk> atRisk(int limit) {
		return jdbc.sql("""
				select s.conversation_id, s.target, s.due_at, s.breached_at, c.status, c.assignee_id, c.priority, c.team
				  from conversation_sla s join conversation c on c.id = s.conversation_id
				 where s.met_at is null and s.warned_at is not null and c.status <> 'RESOLVED'
				 order by s.due_at limit :limit""")
			.param("limit", limit)
			.query((rs, row) -> new AtRisk(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					rs.getTimestamp(4) == null ? "AT_RISK" : "BREACHED", rs.getString(5), rs.getString(6),
					rs.getString(7), rs.getString(8)))
			.list();
	}

}
