package io.omnis.conversation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.conversation.CannedReply;

/**
 * The canned_reply table.
 */
@Repository
public class CannedReplyStore {

	private final JdbcClient jdbc;

	CannedReplyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void save(CannedReply reply) {
		jdbc.sql("""
				insert into canned_reply (id, team_id, title, body, created_at, updated_at)
				values (:id, :team, :title, :body, :created, :updated)
				on conflict (id) do update set team_id = excluded.team_id, title = excluded.title, body = excluded.body,
				       updated_at = excluded.updated_at""")
			.param("id", reply.id())
			.param("team", reply.teamId())
			.param("title", reply.title())
			.param("body", reply.body())
			.param("created", Timestamp.from(reply.createdAt()))
			.param("updated", Timestamp.from(reply.updatedAt()))
			.update();
	}

	public boolean delete(String id) {
		return jdbc.sql("delete from canned_reply where id = :id").param("id", id).update() == 1;
	}

	public Optional<CannedReply> find(String id) {
		return jdbc.sql("select * from canned_reply where id = :id").param("id", id).query(this::reply).optional();
	}

	/**
	 * Replies by id: of one team ({@code teamId}), the global ones ({@code ""}), or all
	 * (null).
	 */
	public List<CannedReply> page(@Nullable String teamId, @Nullable String after, int limit) {
		return jdbc.sql("""
				select * from canned_reply
				 where (cast(:team as text) is null or (:team = '' and team_id is null) or team_id = :team)
				   and (cast(:after as text) is null or id > :after)
				 order by id limit :limit""")
			.param("team", teamId)
			.param("after", after)
			.param("limit", limit)
			.query(this::reply)
			.list();
	}

	/** The global replies and those of the agent's teams, by title (at most 200). */
	public List<CannedReply> forAgent(String staffId) {
		return jdbc.sql("""
				select r.* from canned_reply r
				 where r.team_id is null
				    or r.team_id in (select team_id from conversation_team_member where staff_id = :staff)
				 order by r.title, r.id limit 200""").param("staff", staffId).query(this::reply).list();
	}

	private CannedReply reply(ResultSet rs, int row) throws SQLException {
		return new CannedReply(rs.getString("id"), rs.getString("team_id"), rs.getString("title"), rs.getString("body"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
