package io.omnis.conversation.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.conversation.Notice;

/** The customer_notice table: the outbox of notices and how each went out. */
@Repository
public class NoticeStore {

	/** A notice with the conversation its message is in now (merges move messages). */
	private static final String SELECT = """
			select n.*, m.conversation_id from customer_notice n left join conversation_message m on m.id = n.message_id
			""";

	private final JdbcClient jdbc;

	NoticeStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Notice insert(String id, String customer, String topic, @Nullable String reference, String subject,
			String body, Instant now) {
		jdbc.sql("""
				insert into customer_notice (id, customer, topic, reference, subject, body, status, next_attempt_at,
				       created_at)
				values (:id, :customer, :topic, :reference, :subject, :body, 'PENDING', :now, :now)""")
			.param("id", id)
			.param("customer", customer)
			.param("topic", topic)
			.param("reference", reference)
			.param("subject", subject)
			.param("body", body)
			.param("now", Timestamp.from(now))
			.update();
		return find(id);
	}

	public Notice find(String id) {
		return jdbc.sql(SELECT + " where n.id = :id").param("id", id).query((rs, n) -> notice(rs)).single();
	}

	public List<Notice> of(String customer, int limit) {
		return jdbc.sql(SELECT + " where n.customer = :customer order by n.created_at desc, n.id desc limit :limit")
			.param("customer", customer)
			.param("limit", limit)
			.query((rs, n) -> notice(rs))
			.list();
	}

	/** Pending notices due now, locked; those another node holds are skipped. */
	List<Notice> lockDue(Instant now, int limit) {
		return jdbc.sql(SELECT + """
				where n.status = 'PENDING' and n.next_attempt_at <= :now
				order by n.next_attempt_at, n.id limit :limit for update of n skip locked""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, n) -> notice(rs))
			.list();
	}

	void sent(String id, String medium, String channelId, String address, Instant now) {
		jdbc.sql("""
				update customer_notice set status = 'SENT', medium = :medium, channel_id = :channel, address = :address,
				       attempts = attempts + 1, sent_at = :now, last_error = null where id = :id""")
			.param("medium", medium)
			.param("channel", channelId)
			.param("address", address)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	/** The notice is shown in her conversation by this message. */
	public void threaded(String id, String messageId) {
		jdbc.sql("update customer_notice set message_id = :message where id = :id")
			.param("message", messageId)
			.param("id", id)
			.update();
	}

	/** Sets the message unless another node did first. */
	boolean threadedIfNot(String id, String messageId) {
		return jdbc.sql("update customer_notice set message_id = :message where id = :id and message_id is null")
			.param("message", messageId)
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Notices due now that no conversation shows yet: they were sent to an identifier.
	 */
	List<Notice> dueUnthreaded(Instant now, int limit) {
		return jdbc.sql(SELECT + """
				where n.status = 'PENDING' and n.next_attempt_at <= :now and n.message_id is null
				order by n.next_attempt_at, n.id limit :limit""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, n) -> notice(rs))
			.list();
	}

	void later(String id, String error, Instant next, boolean give) {
		jdbc.sql("""
				update customer_notice set status = :status, attempts = attempts + 1, last_error = :error,
				       next_attempt_at = :next where id = :id""")
			.param("status", give ? "FAILED" : "PENDING")
			.param("error", error.length() > 500 ? error.substring(0, 500) : error)
			.param("next", Timestamp.from(next))
			.param("id", id)
			.update();
	}

	private static Notice notice(ResultSet rs) throws SQLException {
		Timestamp sent = rs.getTimestamp("sent_at");
		return new Notice(rs.getString("id"), rs.getString("customer"), rs.getString("topic"),
				rs.getString("reference"), rs.getString("subject"), rs.getString("body"), rs.getString("status"),
				rs.getString("medium"), rs.getString("channel_id"), rs.getString("address"), rs.getInt("attempts"),
				rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
				sent == null ? null : sent.toInstant(), rs.getString("message_id"), rs.getString("conversation_id"));
	}

}
