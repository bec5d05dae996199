package io.omnis.conversation.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.conversation.Conversation;
import io.omnis.conversation.Status;

/**
 * Conversations newest first by the teams whose queue they are in and by a tag.
 */
@Repository
public class InboxQuery {

	private final JdbcClient jdbc;

	private final ConversationStore store;

	InboxQuery(JdbcClient jdbc, ConversationStore store) {
		this.jdbc = jdbc;
		this.store = store;
	}

	/**
	 * @param status in progress when null
	 * @param teams any team when null
	 * @param tag any (or none) when null
	 * @param assignee a staff id, {@code ""} for the unassigned, anyone when null
	 */
	public List<Conversation> list(@Nullable Status status, @Nullable List<String> teams, @Nullable String tag,
			@Nullable String assignee, @Nullable String before, int limit) {
		return jdbc.sql("""
				select c.* from conversation c
				 where (cast(:status as text) is null and c.status <> 'RESOLVED' or c.status = :status)
				   and not c.awaiting_contact
				   and (:anyTeam or c.team = any(:teams))
				   and (cast(:tag as text) is null
				        or exists (select 1 from conversation_tag t where t.conversation_id = c.id and t.tag = :tag))
				   and (cast(:assignee as text) is null or (:assignee = '' and c.assignee_id is null)
				        or c.assignee_id = :assignee)
				   and (cast(:before as text) is null or c.id < :before)
				 order by c.id desc limit :limit""")
			.param("status", status == null ? null : status.name())
			.param("anyTeam", teams == null)
			.param("teams", teams == null ? new String[0] : teams.toArray(String[]::new))
			.param("tag", tag)
			.param("assignee", assignee)
			.param("before", before)
			.param("limit", limit)
			.query(store::conversation)
			.list();
	}

}
