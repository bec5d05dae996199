package io.omnis.channel.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelKey;
import io.omnis.channel.ChannelStatus;
import io.omnis.channel.ChannelType;
import io.omnis.channel.KeyKind;
import io.omnis.kernel.security.Permission;

/**
 * The channel and channel_key tables.
 */
@Repository
public class ChannelStore {

	private final JdbcClient jdbc;

	private final KeyCache keys;

	public ChannelStore(JdbcClient jdbc, KeyCache keys) {
		this.jdbc = jdbc;
		this.keys = keys;
	}

	public void insert(Channel channel) {
		jdbc.sql("""
				insert into channel (id, type, name, description, status, created_at, updated_at)
				values (:id, :type, :name, :description, :status, :createdAt, :updatedAt)""")
			.param("id", channel.id().value())
			.param("type", channel.type().name())
			.param("name", channel.name())
			.param("description", channel.description())
			.param("status", channel.status().name())
			.param("createdAt", Timestamp.from(channel.createdAt()))
			.param("updatedAt", Timestamp.from(channel.updatedAt()))
			.update();
	}

	public void update(Channel channel) {
		keys.forgetAll();
		jdbc.sql("""
				update channel set name = :name, description = :description, status = :status,
				       updated_at = :updatedAt
				 where id = :id""")
			.param("id", channel.id().value())
			.param("name", channel.name())
			.param("description", channel.description())
			.param("status", channel.status().name())
			.param("updatedAt", Timestamp.from(channel.updatedAt()))
			.update();
	}

	public boolean nameTaken(String name, @Nullable ChannelId except) {
		return jdbc.sql("select count(*) from channel where lower(name) = lower(:name) and id <> :except")
			.param("name", name)
			.param("except", except == null ? "" : except.value())
			.query(Long.class)
			.single() > 0;
	}

	/** The channel, locked for update when {@code lock} is set. */
	public Optional<Channel> find(ChannelId id, boolean lock) {
		return jdbc.sql("select * from channel where id = :id" + (lock ? " for update" : ""))
			.param("id", id.value())
			.query(this::channelRow)
			.optional()
			.map(row -> row.with(keysOf(List.of(id)).getOrDefault(id, List.of())));
	}

	public boolean exists(ChannelId id) {
		return jdbc.sql("select exists (select 1 from channel where id = :id)")
			.param("id", id.value())
			.query(Boolean.class)
			.single();
	}

	/**
	 * Up to {@code limit} channels after the given id, in id (creation) order, filtered
	 * when asked.
	 */
	public List<Channel> list(@Nullable String after, int limit, @Nullable ChannelType type,
			@Nullable ChannelStatus status) {
		List<Row> rows = jdbc
			.sql("""
					select * from channel
					 where id > :after and (:type::text is null or type = :type) and (:status::text is null or status = :status)
					 order by id limit :limit""")
			.param("after", after == null ? "" : after)
			.param("type", type == null ? null : type.name())
			.param("status", status == null ? null : status.name())
			.param("limit", limit)
			.query(this::channelRow)
			.list();
		Map<ChannelId, List<ChannelKey>> keys = keysOf(rows.stream().map(Row::id).toList());
		return rows.stream().map(row -> row.with(keys.getOrDefault(row.id(), List.of()))).toList();
	}

	/** The channels created last, newest first. */
	public List<Channel> newest(int limit) {
		List<Row> rows = jdbc.sql("select * from channel order by created_at desc, id desc limit :limit")
			.param("limit", limit)
			.query(this::channelRow)
			.list();
		Map<ChannelId, List<ChannelKey>> keys = keysOf(rows.stream().map(Row::id).toList());
		return rows.stream().map(row -> row.with(keys.getOrDefault(row.id(), List.of()))).toList();
	}

	/** How many channels there are of each type in each status. */
	public Map<ChannelType, Map<ChannelStatus, Long>> census() {
		Map<ChannelType, Map<ChannelStatus, Long>> counts = new EnumMap<>(ChannelType.class);
		jdbc.sql("select type, status, count(*) as n from channel group by type, status").query(rs -> {
			counts.computeIfAbsent(ChannelType.valueOf(rs.getString("type")), t -> new EnumMap<>(ChannelStatus.class))
				.put(ChannelStatus.valueOf(rs.getString("status")), rs.getLong("n"));
		});
		return counts;
	}

	public void insertKey(ChannelKey key, byte[] hash) {
		jdbc.sql("""
				insert into channel_key (id, channel_id, kind, label, hint, secret_hash, scopes, created_at)
				values (:id, :channelId, :kind, :label, :hint, :hash, :scopes, :createdAt)""")
			.param("id", key.id())
			.param("channelId", key.channelId().value())
			.param("kind", key.kind().name())
			.param("label", key.label())
			.param("hint", key.hint())
			.param("hash", hash)
			.param("scopes", key.scopes().stream().map(Permission::authority).sorted().toArray(String[]::new))
			.param("createdAt", Timestamp.from(key.createdAt()))
			.update();
	}

	public void expireKey(String keyId, Instant at) {
		keys.forgetAll();
		jdbc.sql("update channel_key set expires_at = :at where id = :id and (expires_at is null or expires_at > :at)")
			.param("id", keyId)
			.param("at", Timestamp.from(at))
			.update();
	}

	public void revokeKey(String keyId, Instant at) {
		keys.forgetAll();
		jdbc.sql("update channel_key set revoked_at = :at where id = :id and revoked_at is null")
			.param("id", keyId)
			.param("at", Timestamp.from(at))
			.update();
	}

	/**
	 * A usable key of an active channel, by the hash of its secret; a key found usable is
	 * kept a few seconds ({@link KeyCache}).
	 */
	public Optional<ChannelKey> usableKeyByHash(byte[] hash, KeyKind kind) {
		return keys.get(hash, () -> findUsableKeyByHash(hash, kind)).filter(key -> key.kind() == kind);
	}

	private Optional<ChannelKey> findUsableKeyByHash(byte[] hash, KeyKind kind) {
		return jdbc.sql("""
				select k.* from channel_key k join channel c on c.id = k.channel_id
				 where k.secret_hash = :hash and k.kind = :kind and k.revoked_at is null
				   and (k.expires_at is null or k.expires_at > now()) and c.status = 'ACTIVE'""")
			.param("hash", hash)
			.param("kind", kind.name())
			.query(this::keyRow)
			.optional();
	}

	public void touchKey(String keyId) {
		jdbc.sql("update channel_key set last_used_at = now() where id = :id").param("id", keyId).update();
	}

	private Map<ChannelId, List<ChannelKey>> keysOf(Collection<ChannelId> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("select * from channel_key where channel_id in (:ids) order by id")
			.param("ids", ids.stream().map(ChannelId::value).toList())
			.query(this::keyRow)
			.list()
			.stream()
			.collect(Collectors.groupingBy(ChannelKey::channelId, LinkedHashMap::new, Collectors.toList()));
	}

	private Row channelRow(ResultSet rs, int row) throws SQLException {
		return new Row(new ChannelId(rs.getString("id")), ChannelType.valueOf(rs.getString("type")),
				rs.getString("name"), rs.getString("description"), ChannelStatus.valueOf(rs.getString("status")),
				instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	private ChannelKey keyRow(ResultSet rs, int row) throws SQLException {
		Array scopes = rs.getArray("scopes");
		Set<Permission> permissions = Arrays.stream((String[]) scopes.getArray())
			.map(Permission::fromAuthority)
			.collect(Collectors.toUnmodifiableSet());
		return new ChannelKey(rs.getString("id"), new ChannelId(rs.getString("channel_id")),
				KeyKind.valueOf(rs.getString("kind")), rs.getString("label"), rs.getString("hint"), permissions,
				instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "revoked_at"),
				instant(rs, "last_used_at"));
	}

	@SuppressWarnings("NullAway")
	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

	private record Row(ChannelId id, ChannelType type, String name, @Nullable String description, ChannelStatus status,
			Instant createdAt, Instant updatedAt) {

		Channel with(List<ChannelKey> keys) {
			return new Channel(id, type, name, description, status, createdAt, updatedAt, new ArrayList<>(keys));
		}

	}

}
