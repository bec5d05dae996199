package io.omnis.conversation.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.conversation.ConversationId;
import io.omnis.conversation.Message;

/**
 * The web chat's visitors (a channel and the anonymous id of a browser) and the profile
 * each resolved to, so that answers reach every browser she chats from.
 */
@Repository
public class ChatVisitors {

	private final JdbcClient jdbc;

	private final ConversationStore store;

	private final MessageStore messageStore;

	ChatVisitors(JdbcClient jdbc, ConversationStore store, MessageStore messageStore) {
		this.jdbc = jdbc;
		this.store = store;
		this.messageStore = messageStore;
	}

	/** A browser of a channel, known since its first message. */
	public record Visitor(String channelId, String anonymousId, String profileId, Instant firstSeenAt) {

		public String key() {
			return channelId + "|" + anonymousId;
		}

	}

	public Optional<Visitor> find(String channelId, String anonymousId) {
		return jdbc.sql("select * from chat_visitor where channel_id = :channel and anonymous_id = :anonymous")
			.param("channel", channelId)
			.param("anonymous", anonymousId)
			.query((rs, row) -> visitor(rs))
			.optional();
	}

	public void seen(String channelId, String anonymousId, String profileId, Instant at) {
		jdbc.sql("""
				insert into chat_visitor (channel_id, anonymous_id, profile_id, first_seen_at, last_seen_at)
				values (:channel, :anonymous, :profile, :at, :at)
				on conflict (channel_id, anonymous_id) do update
				   set profile_id = excluded.profile_id, last_seen_at = excluded.last_seen_at""")
			.param("channel", channelId)
			.param("anonymous", anonymousId)
			.param("profile", profileId)
			.param("at", Timestamp.from(at))
			.update();
	}

	/** The visitors who should see a message of this profile written at that time. */
	public List<Visitor> of(String profileId, Instant at) {
		return jdbc.sql("select * from chat_visitor where profile_id = :profile and first_seen_at <= :at")
			.param("profile", profileId)
			.param("at", Timestamp.from(at))
			.query((rs, row) -> visitor(rs))
			.list();
	}

	/** Every browser she chats from. */
	public List<Visitor> of(String profileId) {
		return jdbc.sql("select * from chat_visitor where profile_id = :profile")
			.param("profile", profileId)
			.query((rs, row) -> visitor(rs))
			.list();
	}

	public int reassignProfile(String from, String to) {
		return jdbc.sql("update chat_visitor set profile_id = :to where profile_id = :from")
			.param("from", from)
			.param("to", to)
			.update();
	}

	/**
	 * What the visitor's widget shows: the last answers and messages (never private
	 * notes) of her threads since she first chatted from this browser.
	 */
	public List<Message> history(Visitor visitor, boolean perChannel, int limit) {
		List<String> ids = jdbc.sql("""
				select m.id from conversation_message m join conversation c on c.id = m.conversation_id
				 where c.profile_id = :profile and not m.private_note and m.created_at >= :since
				   and (not :perChannel or c.thread_key = :channel)
				 order by m.id desc limit :limit""")
			.param("profile", visitor.profileId())
			.param("since", Timestamp.from(visitor.firstSeenAt()))
			.param("perChannel", perChannel)
			.param("channel", visitor.channelId())
			.param("limit", limit)
			.query(String.class)
			.list();
		return ids.reversed().stream().map(messageStore::message).flatMap(Optional::stream).toList();
	}

	public Optional<Message> message(String id) {
		return messageStore.message(id);
	}

	public Optional<String> profileOf(ConversationId id) {
		return store.find(id, false).map(c -> c.profileId());
	}

	private static Visitor visitor(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Visitor(rs.getString("channel_id"), rs.getString("anonymous_id"), rs.getString("profile_id"),
				rs.getTimestamp("first_seen_at").toInstant());
	}

}
