package io.omnis.conversation.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.conversation.ConversationId;
import io.omnis.conversation.Merge;
import io.omnis.conversation.Status;

/**
 * Moves a conversation's messages into another and records it (conversation_merge).
 */
@Repository
public class MergeStore {

	private final JdbcClient jdbc;

	MergeStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks both conversations, always in id order so that two merges of the same pair
	 * queue instead of deadlocking, and returns them as they are now.
	 */
	public List<Party> lockBoth(ConversationId a, ConversationId b) {
		return jdbc.sql("""
				select id, profile_id, status, merged_into from conversation where id in (:a, :b)
				 order by id for update""")
			.param("a", a.value())
			.param("b", b.value())
			.query((rs, row) -> new Party(new ConversationId(rs.getString(1)), rs.getString(2),
					Status.valueOf(rs.getString(3)), rs.getString(4)))
			.list();
	}

	/**
	 * Moves the messages and what points at them; ids are time-ordered, so the surviving
	 * thread reads in the order things were said.
	 * @return how many messages moved
	 */
	public int moveMessages(ConversationId from, ConversationId to) {
		int moved = jdbc.sql("update conversation_message set conversation_id = :to where conversation_id = :from")
			.param("from", from.value())
			.param("to", to.value())
			.update();
		jdbc.sql("update conversation_mention set conversation_id = :to where conversation_id = :from")
			.param("from", from.value())
			.param("to", to.value())
			.update();
		return moved;
	}

	/**
	 * The merged one is resolved, points at the survivor, and keeps a thread key of its
	 * own so that no new message of hers ever reopens it.
	 */
	public void close(ConversationId merged, ConversationId survivor, Instant at) {
		jdbc.sql("""
				update conversation set status = 'RESOLVED', resolved_at = coalesce(resolved_at, :at), thread_key = id,
				       merged_into = :survivor, merged_at = :at, updated_at = :at
				 where id = :id""")
			.param("id", merged.value())
			.param("survivor", survivor.value())
			.param("at", Timestamp.from(at))
			.update();
		jdbc.sql("""
				update conversation s set last_message_at = greatest(s.last_message_at, m.last_message_at),
				       updated_at = :at
				  from conversation m where s.id = :survivor and m.id = :merged""")
			.param("survivor", survivor.value())
			.param("merged", merged.value())
			.param("at", Timestamp.from(at))
			.update();
	}

	public void record(Merge merge) {
		jdbc.sql("""
				insert into conversation_merge (merged_id, survivor_id, merged_by, messages_moved, merged_at)
				values (:merged, :survivor, :by, :moved, :at)""")
			.param("merged", merge.merged().value())
			.param("survivor", merge.survivor().value())
			.param("by", merge.mergedBy())
			.param("moved", merge.messagesMoved())
			.param("at", Timestamp.from(merge.mergedAt()))
			.update();
	}

	/** The merges into a conversation, and the one that merged it away if any. */
	public List<Merge> of(ConversationId id) {
		return jdbc.sql("""
				select * from conversation_merge where survivor_id = :id or merged_id = :id
				 order by merged_at, merged_id limit 200""")
			.param("id", id.value())
			.query((rs, row) -> new Merge(new ConversationId(rs.getString("merged_id")),
					new ConversationId(rs.getString("survivor_id")), rs.getString("merged_by"),
					rs.getInt("messages_moved"), rs.getTimestamp("merged_at").toInstant()))
			.list();
	}

	/** The conversation this one was merged into, if it was. */
	public Optional<String> mergedInto(ConversationId id) {
		return jdbc.sql("select merged_into from conversation where id = :id and merged_into is not null")
			.param("id", id.value())
			.query(String.class)
			.optional();
	}

	/** One side of a merge as it is under its row lock. */
	public record Party(ConversationId id, String profileId, Status status, @Nullable String mergedInto) {
	}

}
