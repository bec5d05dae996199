package io.omnis.conversation.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.AttachmentFile;
import io.omnis.conversation.Author;
import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.Direction;
import io.omnis.conversation.Message;
import io.omnis.kernel.database.ArrayParameters;

/**
 * The conversation_message and conversation_attachment tables: what was said in a thread,
 * in every channel, with the e-mail headers that keep replies threaded and the delivery
 * of answers.
 */
@Repository
public class MessageStore {

	private final JdbcClient jdbc;

	MessageStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The conversations holding messages with any of these e-mail Message-IDs. */
	public List<ConversationId> byEmailMessageIds(Collection<String> messageIds) {
		if (messageIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select conversation_id from conversation_message where email_message_id = any(:ids)
				 order by created_at desc""")
			.param("ids", messageIds.toArray(String[]::new))
			.query((rs, row) -> new ConversationId(rs.getString(1)))
			.list();
	}

	public boolean emailSeen(String messageId) {
		return jdbc.sql("select exists (select 1 from conversation_message where email_message_id = :id)")
			.param("id", messageId)
			.query(Boolean.class)
			.single();
	}

	public void insertMessage(Message m, @Nullable EmailHeaders email) {
		jdbc.sql(
				"""
						insert into conversation_message (id, conversation_id, direction, medium, channel_id, author_kind, author_id,
						       author_name, body, private_note, automated, email_message_id, email_in_reply_to, email_references,
						       email_address, subject, delivery, created_at)
						values (:id, :conversation, :direction, :medium, :channel, :authorKind, :authorId, :authorName, :body,
						        :private, :automated, :emailId, :inReplyTo, :references, :address, :subject, :delivery, :at)""")
			.param("id", m.id())
			.param("conversation", m.conversationId().value())
			.param("direction", m.direction().name())
			.param("medium", m.medium().name())
			.param("channel", m.channelId())
			.param("authorKind", m.author().kind().name())
			.param("authorId", m.author().id())
			.param("authorName", m.author().name())
			.param("body", m.body())
			.param("private", m.privateNote())
			.param("automated", m.automated())
			.param("emailId", m.emailMessageId())
			.param("inReplyTo", email == null ? null : email.inReplyTo())
			.param("references", email == null ? null : email.references().toArray(String[]::new))
			.param("address", email == null ? null : email.address())
			.param("subject", email == null ? null : email.subject())
			.param("delivery", m.delivery())
			.param("at", Timestamp.from(m.createdAt()))
			.update();
	}

	public void insertAttachment(String messageId, Message.Attachment attachment, byte[] content) {
		jdbc.sql("""
				insert into conversation_attachment (id, message_id, filename, content_type, size, content)
				values (:id, :message, :filename, :type, :size, :content)""")
			.param("id", attachment.id())
			.param("message", messageId)
			.param("filename", attachment.filename())
			.param("type", attachment.contentType())
			.param("size", attachment.size())
			.param("content", content)
			.update();
	}

	public Optional<Message> message(String messageId) {
		return jdbc.sql("select * from conversation_message where id = :id")
			.param("id", messageId)
			.query(this::messageRow)
			.optional()
			.map(m -> withAttachments(List.of(m)).getFirst());
	}

	/** A page of a thread's messages, oldest first, after the given message id. */
	public List<Message> messages(ConversationId id, boolean withPrivateNotes, @Nullable String after, int limit) {
		List<Message> messages = jdbc.sql("""
				select * from conversation_message
				 where conversation_id = :id and (:private or not private_note) and id > :after
				 order by id limit :limit""")
			.param("id", id.value())
			.param("private", withPrivateNotes)
			.param("after", after == null ? "" : after)
			.param("limit", limit)
			.query(this::messageRow)
			.list();
		return withAttachments(messages);
	}

	/**
	 * An e-mail answer to send: the customer's address, subject and threading headers.
	 */
	public Optional<OutgoingEmail> outgoingEmail(String messageId) {
		return jdbc
			.sql("""
					select id, email_message_id, email_in_reply_to, email_references, email_address, subject, body, author_kind
					  from conversation_message where id = :id and medium = 'EMAIL' and direction = 'OUT' and not private_note""")
			.param("id", messageId)
			.query((rs, row) -> new OutgoingEmail(rs.getString("id"), rs.getString("email_message_id"),
					rs.getString("email_in_reply_to"), strings(rs.getArray("email_references")),
					rs.getString("email_address"), rs.getString("subject"), rs.getString("body"),
					AuthorKind.valueOf(rs.getString("author_kind"))))
			.optional();
	}

	/** The last e-mail of a thread in either direction, to answer in the same chain. */
	public Optional<EmailHeaders> lastEmail(ConversationId id) {
		return jdbc.sql("""
				select email_message_id, email_references, email_address, subject from conversation_message
				 where conversation_id = :id and medium = 'EMAIL' and email_message_id is not null and not private_note
				 order by id desc limit 1""").param("id", id.value()).query((rs, row) -> {
			List<String> references = new ArrayList<>(strings(rs.getArray("email_references")));
			String messageId = rs.getString("email_message_id");
			references.add(messageId);
			return new EmailHeaders(messageId, references, rs.getString("email_address"), rs.getString("subject"));
		}).optional();
	}

	public Optional<AttachmentFile> attachment(ConversationId id, String attachmentId) {
		return jdbc.sql("""
				select a.* from conversation_attachment a join conversation_message m on m.id = a.message_id
				 where m.conversation_id = :conversation and a.id = :id""")
			.param("conversation", id.value())
			.param("id", attachmentId)
			.query((rs, row) -> new AttachmentFile(rs.getString("filename"), rs.getString("content_type"),
					rs.getBytes("content")))
			.optional();
	}

	public void delivery(String messageId, String status, @Nullable String error, @Nullable String emailMessageId) {
		jdbc.sql("""
				update conversation_message set delivery = :status, delivery_error = :error,
				       email_message_id = coalesce(:emailId, email_message_id)
				 where id = :id""")
			.param("id", messageId)
			.param("status", status)
			.param("error", error)
			.param("emailId", emailMessageId)
			.update();
	}

	private List<Message> withAttachments(List<Message> messages) {
		if (messages.isEmpty()) {
			return messages;
		}
		Map<String, List<Message.Attachment>> byMessage = new HashMap<>();
		// Every inbound message is read back with its attachments: one parameter per
		// message, so that it is planned once per connection (ADR 0026)
		List<String> ids = messages.stream().map(Message::id).toList();
		jdbc.sql("""
				select id, message_id, filename, content_type, size from conversation_attachment
				 where message_id = any(%s) order by id""".formatted(ArrayParameters.textArray("ids", ids.size())))
			.param("ids", ArrayParameters.values(ids))
			.query((rs, row) -> {
				byMessage.computeIfAbsent(rs.getString("message_id"), k -> new ArrayList<>())
					.add(new Message.Attachment(rs.getString("id"), rs.getString("filename"),
							rs.getString("content_type"), rs.getLong("size")));
				return null;
			})
			.list();
		if (byMessage.isEmpty()) {
			return messages;
		}
		return messages.stream()
			.map(m -> new Message(m.id(), m.conversationId(), m.direction(), m.medium(), m.channelId(), m.author(),
					m.body(), m.privateNote(), m.automated(), m.emailMessageId(), m.delivery(), m.createdAt(),
					List.copyOf(byMessage.getOrDefault(m.id(), List.of()))))
			.toList();
	}

	private Message messageRow(ResultSet rs, int row) throws SQLException {
		return new Message(rs.getString("id"), new ConversationId(rs.getString("conversation_id")),
				Direction.valueOf(rs.getString("direction")), ChannelType.valueOf(rs.getString("medium")),
				rs.getString("channel_id"),
				new Author(AuthorKind.valueOf(rs.getString("author_kind")), rs.getString("author_id"),
						rs.getString("author_name") == null ? "" : rs.getString("author_name")),
				rs.getString("body"), rs.getBoolean("private_note"), rs.getBoolean("automated"),
				rs.getString("email_message_id"), rs.getString("delivery"), instant(rs, "created_at"), List.of());
	}

	private static List<String> strings(@Nullable Array array) throws SQLException {
		return array == null ? List.of() : List.of((String[]) array.getArray());
	}

	/** An e-mail answer as it is sent. */
	public record OutgoingEmail(String id, String messageId, @Nullable String inReplyTo, List<String> references,
			String address, String subject, String body, AuthorKind authorKind) {
	}

	/** The e-mail headers of a message, to thread a reply. */
	public record EmailHeaders(@Nullable String inReplyTo, List<String> references, @Nullable String address,
			@Nullable String subject) {
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}

}
