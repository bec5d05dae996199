package io.omnis.conversation.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.channel.ChannelType;

/**
 * Service-quality measures over a window, for agents and, apart, for the conversations
 * the assistant handled alone. The definitions are in the README ("Conversation
 * measures"); each is one SQL expression below, so the two cannot drift apart.
 */
@Service
@Transactional(readOnly = true)
public class Measures {

	/**
	 * Conversations seen by the window, each with whether the assistant handled it alone,
	 * the channel type of its first customer message, and whether it was resolved at
	 * first contact.
	 */
	private static final String BASE = """
			with base as (
			  select c.*,
			         (c.handed_over_at is null and exists (
			            select 1 from conversation_message m where m.conversation_id = c.id
			               and m.author_kind = 'ASSISTANT' and m.direction = 'OUT' and not m.private_note)
			          and not exists (
			            select 1 from conversation_message m where m.conversation_id = c.id and m.author_kind = 'AGENT'
			               and m.direction = 'OUT' and not m.private_note)) as assistant_only,
			         (select min(m.created_at) from conversation_message m where m.conversation_id = c.id
			             and m.author_kind = 'AGENT' and m.direction = 'OUT' and not m.private_note) as first_agent_reply,
			         (select m.medium from conversation_message m where m.conversation_id = c.id and m.direction = 'IN'
			           order by m.id limit 1) as first_medium
			    from conversation c
			   where ((c.created_at >= :from and c.created_at < :to) or (c.resolved_at >= :from and c.resolved_at < :to))
			     and (cast(:team as text) is null or c.team = :team)
			     -- a thread a notice opened counts from her first message (its created_at), never before
			     and not c.awaiting_contact
			), scoped as (
			  select b.*,
			         (b.status = 'RESOLVED' and b.resolved_at >= :from and b.resolved_at < :to) as resolved_in_window,
			         (b.created_at >= :from and b.created_at < :to) as created_in_window,
			         (b.reopen_count = 0 and b.first_agent_reply is not null and not exists (
			            select 1 from conversation_message i where i.conversation_id = b.id and i.direction = 'IN'
			               and not i.automated and i.created_at > b.first_agent_reply)) as first_contact
			    from base b
			   where cast(:channel as text) is null or b.first_medium = :channel
			)
			""";

	private final JdbcClient jdbc;

	Measures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Durations in seconds; null when nothing was measured. */
	public record Timing(long count, @Nullable Double averageSeconds, @Nullable Double medianSeconds) {
	}

	public record Rate(long count, long of, @Nullable Double rate) {

		static Rate of(long count, long of) {
			return new Rate(count, of, of == 0 ? null : (double) count / of);
		}

	}

	public record Satisfaction(long sent, long answered, @Nullable Double responseRate, @Nullable Double average) {
	}

	/** The figures of one group of conversations. */
	public record Figures(long opened, long resolved, Timing firstResponse, Timing resolution,
			Rate firstContactResolution, Rate reopened, Satisfaction csat) {
	}

	public record Day(LocalDate day, long resolvedByAgents, long resolvedByAssistant) {
	}

	public record Report(Instant from, Instant to, @Nullable ChannelType channel, @Nullable String team, Figures agents,
			Figures assistantOnly, List<Day> daily) {
	}

	public Report measure(Instant from, Instant to, @Nullable ChannelType channel, @Nullable String team) {
		List<Figures> groups = new ArrayList<>();
		for (boolean assistantOnly : new boolean[] { false, true }) {
			groups.add(figures(from, to, channel, team, assistantOnly));
		}
		return new Report(from, to, channel, team, groups.get(0), groups.get(1), daily(from, to, channel, team));
	}

	private Figures figures(Instant from, Instant to, @Nullable ChannelType channel, @Nullable String team,
			boolean assistantOnly) {
		Figures counted = jdbc
			.sql(BASE
					+ """
							select count(*) filter (where created_in_window) as opened,
							       count(*) filter (where resolved_in_window) as resolved,
							       count(*) filter (where created_in_window and first_response_at is not null) as responded,
							       avg(extract(epoch from first_response_at - coalesce(handed_over_at, created_at)))
							           filter (where created_in_window and first_response_at is not null) as frt_avg,
							       percentile_cont(0.5) within group (order by extract(epoch from first_response_at - coalesce(handed_over_at, created_at)))
							           filter (where created_in_window and first_response_at is not null) as frt_median,
							       avg(extract(epoch from resolved_at - created_at)) filter (where resolved_in_window) as res_avg,
							       percentile_cont(0.5) within group (order by extract(epoch from resolved_at - created_at))
							           filter (where resolved_in_window) as res_median,
							       count(*) filter (where resolved_in_window and first_contact) as fcr,
							       count(*) filter (where resolved_in_window and first_agent_reply is not null) as fcr_of,
							       count(*) filter (where resolved_in_window and reopen_count > 0) as reopened
							  from scoped where assistant_only = :assistantOnly""")
			.params(params(from, to, channel, team))
			.param("assistantOnly", assistantOnly)
			.query((rs, row) -> new Figures(rs.getLong("opened"), rs.getLong("resolved"),
					new Timing(rs.getLong("responded"), real(rs, "frt_avg"), real(rs, "frt_median")),
					new Timing(rs.getLong("resolved"), real(rs, "res_avg"), real(rs, "res_median")),
					Rate.of(rs.getLong("fcr"), rs.getLong("fcr_of")),
					Rate.of(rs.getLong("reopened"), rs.getLong("resolved")), null))
			.single();
		Satisfaction csat = jdbc.sql(BASE + """
				select count(*) filter (where s.state = 'SENT') as sent, count(s.answered_at) as answered,
				       avg(s.rating) as average
				  from csat_survey s join scoped c on c.id = s.conversation_id
				 where s.sent_at >= :from and s.sent_at < :to and c.assistant_only = :assistantOnly""")
			.params(params(from, to, channel, team))
			.param("assistantOnly", assistantOnly)
			.query((rs, row) -> {
				long sent = rs.getLong("sent");
				long answered = rs.getLong("answered");
				return new Satisfaction(sent, answered, sent == 0 ? null : (double) answered / sent,
						real(rs, "average"));
			})
			.single();
		return new Figures(counted.opened(), counted.resolved(), counted.firstResponse(), counted.resolution(),
				counted.firstContactResolution(), counted.reopened(), csat);
	}

	private List<Day> daily(Instant from, Instant to, @Nullable ChannelType channel, @Nullable String team) {
		return jdbc
			.sql(BASE
					+ """
							select cast(date_trunc('day', resolved_at at time zone 'UTC') as date) as day,
							       count(*) filter (where not assistant_only) as agents, count(*) filter (where assistant_only) as assistant
							  from scoped where resolved_in_window group by 1 order by 1""")
			.params(params(from, to, channel, team))
			.query((rs, row) -> new Day(rs.getObject("day", LocalDate.class), rs.getLong("agents"),
					rs.getLong("assistant")))
			.list();
	}

	private static java.util.Map<String, Object> params(Instant from, Instant to, @Nullable ChannelType channel,
			@Nullable String team) {
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		params.put("from", Timestamp.from(from));
		params.put("to", Timestamp.from(to));
		params.put("channel", channel == null ? null : channel.name());
		params.put("team", team);
		return params;
	}

	private static @Nullable Double real(ResultSet rs, String column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}

}
