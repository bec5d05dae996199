package io.omnis.conversation.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.conversation.ConversationId;

/**
 * The conversation_tag table.
 */
@Repository
public class TagStore {

	private final JdbcClient jdbc;

	TagStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return whether it was added (false: it was there already)
	 */
	public boolean add(ConversationId id, String tag, String by, Instant at) {
		return jdbc.sql("""
				insert into conversation_tag (conversation_id, tag, added_at, added_by) values (:id, :tag, :at, :by)
				on conflict do nothing""")
			.param("id", id.value())
			.param("tag", tag)
			.param("at", Timestamp.from(at))
			.param("by", by)
			.update() == 1;
	}

	public boolean remove(ConversationId id, String tag) {
		return jdbc.sql("delete from conversation_tag where conversation_id = :id and tag = :tag")
			.param("id", id.value())
			.param("tag", tag)
			.update() == 1;
	}

	public List<String> of(ConversationId id) {
		return jdbc.sql("select tag from conversation_tag where conversation_id = :id order by tag")
			.param("id", id.value())
			.query(String.class)
			.list();
	}

	/** The tags in use, most used first, for the inbox filter. */
	public List<String> inUse(int limit) {
		return jdbc.sql("select tag from conversation_tag group by tag order by count(*) desc, tag limit :limit")
			.param("limit", limit)
			.query(String.class)
			.list();
	}

}
