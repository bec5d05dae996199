package io.omnis.conversation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.Conversation;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.Priority;
import io.omnis.conversation.Status;

/**
 * The conversation table: threads, their status, assignee and timings. Their messages are
 * in {@link MessageStore}.
 */
@Repository
public class ConversationStore {

	private final JdbcClient jdbc;

	ConversationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts a new thread unless the customer already has one in progress under the same
	 * key.
	 * @return whether it was inserted
	 */
	public boolean insertIfNoneOpen(Conversation c, String threadKey) {
		return jdbc.sql("""
				insert into conversation (id, profile_id, thread_key, status, priority, medium, last_inbound_channel_id,
				                          subject, created_at, updated_at, last_message_at)
				values (:id, :profile, :key, :status, :priority, :medium, :channel, :subject, :at, :at, :at)
				on conflict (profile_id, thread_key) where status <> 'RESOLVED' do nothing""")
			.params(newRow(c, threadKey))
			.update() == 1;
	}

	/**
	 * A customer's message for her thread in progress under the key, in one statement:
	 * the thread is hers to answer again, locked until the commit, and returned as it is
	 * now. {@link #findInProgress} and {@link #received} together, without reading the
	 * row twice.
	 * @return empty when she has no thread in progress
	 */
	public Optional<Receipt> receivedInProgress(String profileId, String threadKey, ChannelType medium,
			String channelId, boolean automated, Instant at) {
		return jdbc.sql("""
				update conversation
				   set medium = :medium, last_inbound_channel_id = :channel, updated_at = :at, last_message_at = :at,
				       status = case when :automated then status else 'OPEN' end,
				       created_at = case when awaiting_contact and not :automated then :at else created_at end,
				       awaiting_contact = awaiting_contact and :automated
				 where profile_id = :profile and thread_key = :key and status <> 'RESOLVED'
				returning *, old.awaiting_contact and not new.awaiting_contact as contact_opened""")
			.param("profile", profileId)
			.param("key", threadKey)
			.param("medium", medium.name())
			.param("channel", channelId)
			.param("automated", automated)
			.param("at", Timestamp.from(at))
			.query((rs, n) -> new Receipt(conversation(rs, n), rs.getBoolean("contact_opened")))
			.optional();
	}

	/**
	 * A thread as a customer's message left it, and whether that message was her first in
	 * a thread a notice opened (so that the thread opens now, as her contact).
	 */
	public record Receipt(Conversation conversation, boolean contactOpened) {
	}

	/**
	 * Opens a thread for a customer's first message, or, when another message of hers
	 * opened one under the same key at the same moment, receives it in that one (as
	 * {@link #received} does): one statement either way, which returns the thread as it
	 * is now. The thread was opened here when its id is the new one's.
	 */
	public Receipt openOrReceive(Conversation c, String threadKey) {
		return jdbc.sql("""
				insert into conversation (id, profile_id, thread_key, status, priority, medium, last_inbound_channel_id,
				                          subject, created_at, updated_at, last_message_at)
				values (:id, :profile, :key, :status, :priority, :medium, :channel, :subject, :at, :at, :at)
				on conflict (profile_id, thread_key) where status <> 'RESOLVED' do update
				   set medium = excluded.medium, last_inbound_channel_id = excluded.last_inbound_channel_id,
				       updated_at = excluded.updated_at, last_message_at = excluded.last_message_at, status = 'OPEN',
				       created_at = case when conversation.awaiting_contact then excluded.created_at
				                         else conversation.created_at end,
				       awaiting_contact = false
				returning *, coalesce(old.awaiting_contact, false) as contact_opened""")
			.params(newRow(c, threadKey))
			.query((rs, n) -> new Receipt(conversation(rs, n), rs.getBoolean("contact_opened")))
			.single();
	}

	/** The parameters of a new thread's row, for the inserts above. */
	private static Map<String, Object> newRow(Conversation c, String threadKey) {
		Map<String, Object> row = new HashMap<>();
		row.put("id", c.id().value());
		row.put("profile", c.profileId());
		row.put("key", threadKey);
		row.put("status", c.status().name());
		row.put("priority", c.priority().name());
		row.put("medium", c.medium().name());
		row.put("channel", c.lastInboundChannelId());
		row.put("subject", c.subject());
		row.put("at", Timestamp.from(c.createdAt()));
		return row;
	}

	public Optional<Conversation> findInProgress(String profileId, String threadKey) {
		return jdbc.sql("""
				select * from conversation where profile_id = :profile and thread_key = :key and status <> 'RESOLVED'
				   for update""")
			.param("profile", profileId)
			.param("key", threadKey)
			.query(this::conversation)
			.optional();
	}

	/** Her thread resolved most recently, if that was after the given time. */
	public Optional<Conversation> resolvedSince(String profileId, String threadKey, Instant since) {
		return jdbc.sql("""
				select * from conversation
				 where profile_id = :profile and thread_key = :key and status = 'RESOLVED' and resolved_at > :since
				 order by resolved_at desc limit 1 for update""")
			.param("profile", profileId)
			.param("key", threadKey)
			.param("since", Timestamp.from(since))
			.query(this::conversation)
			.optional();
	}

	public Optional<Conversation> find(ConversationId id, boolean lock) {
		return jdbc.sql("select * from conversation where id = :id" + (lock ? " for update" : ""))
			.param("id", id.value())
			.query(this::conversation)
			.optional();
	}

	/**
	 * A message from the customer: the thread is hers to answer again. Her first message
	 * in a thread a notice opened opens it as a contact, from now (ADR 0017).
	 * @return whether it was that first message
	 */
	public boolean received(ConversationId id, ChannelType medium, String channelId, boolean reopen, boolean automated,
			Instant at) {
		return jdbc.sql("""
				update conversation
				   set medium = :medium, last_inbound_channel_id = :channel, updated_at = :at, last_message_at = :at,
				       status = case when :automated then status else 'OPEN' end,
				       resolved_at = case when :reopen then null else resolved_at end,
				       created_at = case when awaiting_contact and not :automated then :at else created_at end,
				       awaiting_contact = awaiting_contact and :automated
				 where id = :id
				returning old.awaiting_contact and not new.awaiting_contact""")
			.param("id", id.value())
			.param("medium", medium.name())
			.param("channel", channelId)
			.param("reopen", reopen)
			.param("automated", automated)
			.param("at", Timestamp.from(at))
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** An answer went out: now the customer is expected to write. */
	public void answered(ConversationId id, boolean countsAsResponse, boolean awaitsCustomer, Instant at) {
		jdbc.sql(
				"""
						update conversation
						   set status = case when :awaits and status = 'OPEN' then 'PENDING' else status end, updated_at = :at,
						       last_message_at = :at,
						       first_response_at = case when :counts then coalesce(first_response_at, :at) else first_response_at end
						 where id = :id""")
			.param("id", id.value())
			.param("counts", countsAsResponse)
			.param("awaits", awaitsCustomer)
			.param("at", Timestamp.from(at))
			.update();
	}

	public void touch(ConversationId id, Instant at) {
		jdbc.sql("update conversation set updated_at = :at where id = :id")
			.param("id", id.value())
			.param("at", Timestamp.from(at))
			.update();
	}

	public void status(ConversationId id, Status status, Instant at) {
		jdbc.sql("""
				update conversation set status = :status, updated_at = :at,
				       resolved_at = case when :status = 'RESOLVED' then cast(:at as timestamptz) end
				 where id = :id""")
			.param("id", id.value())
			.param("status", status.name())
			.param("at", Timestamp.from(at))
			.update();
	}

	public void assignee(ConversationId id, @Nullable String staffId, Instant at) {
		jdbc.sql("""
				update conversation set assignee_id = :staff, assigned_at = :assignedAt, updated_at = :at
				 where id = :id""")
			.param("id", id.value())
			.param("staff", staffId)
			.param("assignedAt", staffId == null ? null : Timestamp.from(at))
			.param("at", Timestamp.from(at))
			.update();
	}

	public void priority(ConversationId id, Priority priority, @Nullable String team, Instant at) {
		jdbc.sql("update conversation set priority = :priority, team = :team, updated_at = :at where id = :id")
			.param("id", id.value())
			.param("priority", priority.name())
			.param("team", team)
			.param("at", Timestamp.from(at))
			.update();
	}

	/**
	 * A merge of two profiles: the merged one's threads are the survivor's now. A thread
	 * in progress that would make her second one keeps going apart (its own thread key)
	 * until it is resolved; new messages go to the survivor's.
	 */
	public int reassignProfile(String from, String to) {
		return jdbc.sql("""
				update conversation c set profile_id = :to,
				       thread_key = case when c.status <> 'RESOLVED' and exists (
				           select 1 from conversation o
				            where o.profile_id = :to and o.thread_key = c.thread_key and o.status <> 'RESOLVED')
				         then c.id else c.thread_key end
				 where c.profile_id = :from""").param("from", from).param("to", to).update();
	}

	/**
	 * Conversations newest first, filtered by status (in progress when null) and assignee
	 * ({@code ""} for unassigned). Threads a notice opened that wait for her first
	 * message are listed only with her profile's.
	 */
	public List<Conversation> list(@Nullable Status status, @Nullable String assignee, @Nullable String profileId,
			@Nullable String before, int limit) {
		return jdbc
			.sql("""
					select * from conversation
					 where (cast(:status as text) is null and status <> 'RESOLVED' or status = :status)
					   and (cast(:assignee as text) is null or (:assignee = '' and assignee_id is null) or assignee_id = :assignee)
					   and (cast(:profile as text) is null and not awaiting_contact or profile_id = :profile)
					   and (cast(:before as text) is null or id < :before)
					 order by id desc limit :limit""")
			.param("status", status == null ? null : status.name())
			.param("assignee", assignee)
			.param("profile", profileId)
			.param("before", before)
			.param("limit", limit)
			.query(this::conversation)
			.list();
	}

	Conversation conversation(ResultSet rs, int row) throws SQLException {
		return new Conversation(new ConversationId(rs.getString("id")), rs.getString("profile_id"),
				Status.valueOf(rs.getString("status")), Priority.valueOf(rs.getString("priority")),
				rs.getString("assignee_id"), rs.getString("team"), ChannelType.valueOf(rs.getString("medium")),
				rs.getString("last_inbound_channel_id"), rs.getString("subject"), instant(rs, "created_at"),
				instant(rs, "updated_at"), instant(rs, "last_message_at"), instant(rs, "assigned_at"),
				instant(rs, "first_response_at"), instant(rs, "resolved_at"));
	}

	@SuppressWarnings("NullAway")
	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

}
