package io.omnis.conversation.assistant;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.conversation.ConversationId;

/**
 * Who handles a conversation beside its assignee: whether the self-service assistant
 * holds it or handed it over; and how often it was reopened.
 */
@Repository
public class Handling {

	private final JdbcClient jdbc;

	Handling(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean heldByAssistant(ConversationId id) {
		return jdbc.sql("select assistant_active from conversation where id = :id")
			.param("id", id.value())
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** The assistant takes a conversation nobody has taken yet. */
	public boolean hold(ConversationId id) {
		return jdbc.sql("""
				update conversation set assistant_active = true
				 where id = :id and assignee_id is null and handed_over_at is null and not assistant_active""")
			.param("id", id.value())
			.update() == 1;
	}

	/**
	 * The assistant lets go of it for people.
	 * @return false when it did not hold it (already handed over)
	 */
	public boolean handOver(ConversationId id, Instant at) {
		return jdbc.sql("""
				update conversation set assistant_active = false, handed_over_at = :at
				 where id = :id and assistant_active""")
			.param("id", id.value())
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	public void reopened(ConversationId id) {
		jdbc.sql("update conversation set reopen_count = reopen_count + 1 where id = :id")
			.param("id", id.value())
			.update();
	}

}
