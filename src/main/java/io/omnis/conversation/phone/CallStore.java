package io.omnis.conversation.phone;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The phone_call table. Each state change is a conditional update, so an event the
 * telephony system sends twice, or late, changes nothing.
 */
@Repository
class CallStore {

	private final JdbcClient jdbc;

	CallStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return whether it was new (a call reported twice is stored once)
	 */
	boolean insert(Call call) {
		return jdbc
			.sql("""
					insert into phone_call (id, channel_id, external_id, caller, callee, profile_id, conversation_id, status,
					       agent_id, ringing_at)
					values (:id, :channel, :external, :caller, :callee, :profile, :conversation, 'RINGING', :agent, :at)
					on conflict (channel_id, external_id) do nothing""")
			.param("id", call.id())
			.param("channel", call.channelId())
			.param("external", call.externalId())
			.param("caller", call.caller())
			.param("callee", call.callee())
			.param("profile", call.profileId())
			.param("conversation", call.conversationId())
			.param("agent", call.agentId())
			.param("at", Timestamp.from(call.ringingAt()))
			.update() == 1;
	}

	Optional<Call> find(String channelId, String externalId) {
		return jdbc.sql("select * from phone_call where channel_id = :channel and external_id = :external")
			.param("channel", channelId)
			.param("external", externalId)
			.query(this::row)
			.optional();
	}

	boolean answered(String id, @Nullable String agentId, Instant at) {
		return jdbc.sql("""
				update phone_call set status = 'ANSWERED', answered_at = :at, agent_id = coalesce(:agent, agent_id)
				 where id = :id and status = 'RINGING'""")
			.param("id", id)
			.param("agent", agentId)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	boolean ended(String id, @Nullable String agentId, @Nullable String recordingUrl, @Nullable String disposition,
			Instant at) {
		return jdbc.sql("""
				update phone_call set status = 'ENDED', ended_at = :at, agent_id = coalesce(:agent, agent_id),
				       recording_url = :recording, disposition = :disposition
				 where id = :id and status <> 'ENDED'""")
			.param("id", id)
			.param("agent", agentId)
			.param("recording", recordingUrl)
			.param("disposition", disposition)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	/** Calls ringing or in progress that began after {@code since}, newest first. */
	List<Call> live(Instant since, int limit) {
		return jdbc.sql("""
				select * from phone_call where status <> 'ENDED' and ringing_at > :since
				 order by ringing_at desc limit :limit""")
			.param("since", Timestamp.from(since))
			.param("limit", limit)
			.query(this::row)
			.list();
	}

	private Call row(ResultSet rs, int row) throws SQLException {
		return new Call(rs.getString("id"), rs.getString("channel_id"), rs.getString("external_id"),
				rs.getString("caller"), rs.getString("callee"), rs.getString("profile_id"),
				rs.getString("conversation_id"), rs.getString("status"), rs.getString("agent_id"),
				rs.getString("recording_url"), rs.getString("disposition"), instant(rs, "ringing_at"),
				nullable(rs, "answered_at"), nullable(rs, "ended_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}

	private static @Nullable Instant nullable(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

}
