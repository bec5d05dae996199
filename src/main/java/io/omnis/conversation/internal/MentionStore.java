package io.omnis.conversation.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.conversation.Mention;

/**
 * The conversation_mention table.
 */
@Repository
public class MentionStore {

	private final JdbcClient jdbc;

	MentionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(String id, String conversationId, String messageId, String staffId, @Nullable String byId,
			String byName, Instant at) {
		jdbc.sql("""
				insert into conversation_mention (id, conversation_id, message_id, staff_id, by_id, by_name, created_at)
				values (:id, :conversation, :message, :staff, :byId, :byName, :at)""")
			.param("id", id)
			.param("conversation", conversationId)
			.param("message", messageId)
			.param("staff", staffId)
			.param("byId", byId)
			.param("byName", byName)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** A staff member's mentions, newest first. */
	public List<Mention> of(String staffId, boolean unreadOnly, @Nullable String before, int limit) {
		return jdbc.sql("""
				select n.*, left(m.body, 200) note from conversation_mention n
				  join conversation_message m on m.id = n.message_id
				 where n.staff_id = :staff and (not :unread or n.read_at is null)
				   and (cast(:before as text) is null or n.id < :before)
				 order by n.id desc limit :limit""")
			.param("staff", staffId)
			.param("unread", unreadOnly)
			.param("before", before)
			.param("limit", limit)
			.query((rs, row) -> new Mention(rs.getString("id"), rs.getString("conversation_id"),
					rs.getString("message_id"), rs.getString("staff_id"), rs.getString("by_id"),
					rs.getString("by_name"), rs.getString("note"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("read_at") == null ? null : rs.getTimestamp("read_at").toInstant()))
			.list();
	}

	public int unread(String staffId) {
		return jdbc.sql("select count(*) from conversation_mention where staff_id = :staff and read_at is null")
			.param("staff", staffId)
			.query(Integer.class)
			.single();
	}

	/**
	 * @return whether it is hers
	 */
	public boolean read(String id, String staffId, Instant at) {
		return jdbc
			.sql("""
					update conversation_mention set read_at = coalesce(read_at, :at) where id = :id and staff_id = :staff""")
			.param("id", id)
			.param("staff", staffId)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

}
