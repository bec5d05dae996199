package io.omnis.inventory.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Movement;
import io.omnis.inventory.MovementType;
import io.omnis.inventory.Sku;

/**
 * The stock_movement table: appended to, never changed (a trigger refuses updates and
 * deletes).
 */
@Repository
public class LedgerStore {

	private final JdbcClient jdbc;

	LedgerStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void append(Movement movement) {
		jdbc.sql("""
				insert into stock_movement (id, sku, location_id, type, on_hand_delta, reserved_delta, on_hand_after,
				       reserved_after, reason, reference, channel_id, actor, occurred_at)
				values (:id, :sku, :location, :type, :onHandDelta, :reservedDelta, :onHandAfter, :reservedAfter,
				       :reason, :reference, :channel, :actor, :at)""")
			.param("id", movement.id())
			.param("sku", movement.sku().value())
			.param("location", movement.locationId().value())
			.param("type", movement.type().name())
			.param("onHandDelta", movement.onHandDelta())
			.param("reservedDelta", movement.reservedDelta())
			.param("onHandAfter", movement.onHandAfter())
			.param("reservedAfter", movement.reservedAfter())
			.param("reason", movement.reason())
			.param("reference", movement.reference())
			.param("channel", movement.channelId() == null ? null : movement.channelId().value())
			.param("actor", movement.actor())
			.param("at", Timestamp.from(movement.occurredAt()))
			.update();
	}

	/**
	 * Up to {@code limit} movements of a SKU at a location after the given id, oldest
	 * first.
	 */
	public List<Movement> page(Sku sku, LocationId location, @Nullable String after, int limit) {
		return jdbc.sql("""
				select * from stock_movement
				 where sku = :sku and location_id = :location and id > :after
				 order by id limit :limit""")
			.param("sku", sku.value())
			.param("location", location.value())
			.param("after", after == null ? "" : after)
			.param("limit", limit)
			.query(LedgerStore::movement)
			.list();
	}

	/** The latest movements of a SKU anywhere, newest first. */
	public List<Movement> recent(Sku sku, int limit) {
		return jdbc.sql("select * from stock_movement where sku = :sku order by id desc limit :limit")
			.param("sku", sku.value())
			.param("limit", limit)
			.query(LedgerStore::movement)
			.list();
	}

	static Movement movement(ResultSet rs, int row) throws SQLException {
		String channel = rs.getString("channel_id");
		return new Movement(rs.getString("id"), new Sku(rs.getString("sku")),
				new LocationId(rs.getString("location_id")), MovementType.valueOf(rs.getString("type")),
				rs.getInt("on_hand_delta"), rs.getInt("reserved_delta"), rs.getInt("on_hand_after"),
				rs.getInt("reserved_after"), rs.getString("reason"), rs.getString("reference"),
				channel == null ? null : new ChannelId(channel), rs.getString("actor"),
				rs.getTimestamp("occurred_at").toInstant());
	}

}
