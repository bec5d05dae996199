package io.omnis.inventory.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.Allocation;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Sku;

/**
 * The stock_allocation table. A transaction locks an allocation row before the stock row
 * it belongs to, always in that order.
 */
@Repository
public class AllocationStore {

	private final JdbcClient jdbc;

	AllocationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The channel's allocation, locked until the transaction ends. */
	public Optional<Allocation> lock(Sku sku, LocationId location, ChannelId channel) {
		return select(sku, location, channel, " for update");
	}

	/** The channel's allocation, not locked. */
	public Optional<Allocation> find(Sku sku, LocationId location, ChannelId channel) {
		return select(sku, location, channel, "");
	}

	private Optional<Allocation> select(Sku sku, LocationId location, ChannelId channel, String lock) {
		return jdbc.sql("""
				select * from stock_allocation
				 where sku = :sku and location_id = :location and channel_id = :channel""" + lock)
			.param("sku", sku.value())
			.param("location", location.value())
			.param("channel", channel.value())
			.query(AllocationStore::allocation)
			.optional();
	}

	/**
	 * Changes what the channel's reservations hold of it and, when they sold units, what
	 * is held for it.
	 */
	public void change(Sku sku, LocationId location, ChannelId channel, int quantityDelta, int reservedDelta,
			Instant now) {
		int updated = jdbc.sql("""
				update stock_allocation
				   set quantity = quantity + :quantityDelta, reserved = reserved + :reservedDelta, updated_at = :now
				 where sku = :sku and location_id = :location and channel_id = :channel""")
			.param("quantityDelta", quantityDelta)
			.param("reservedDelta", reservedDelta)
			.param("sku", sku.value())
			.param("location", location.value())
			.param("channel", channel.value())
			.param("now", Timestamp.from(now))
			.update();
		if (updated != 1) {
			throw new IllegalStateException("No allocation of " + sku + " at " + location + " for " + channel);
		}
	}

	public void put(Sku sku, LocationId location, ChannelId channel, int quantity, Instant now) {
		jdbc.sql("""
				insert into stock_allocation (sku, location_id, channel_id, quantity, reserved, updated_at)
				values (:sku, :location, :channel, :quantity, 0, :now)
				on conflict (sku, location_id, channel_id) do update
				   set quantity = excluded.quantity, updated_at = excluded.updated_at""")
			.param("sku", sku.value())
			.param("location", location.value())
			.param("channel", channel.value())
			.param("quantity", quantity)
			.param("now", Timestamp.from(now))
			.update();
	}

	public List<Allocation> list(@Nullable Sku sku, @Nullable LocationId location) {
		return jdbc.sql("""
				select * from stock_allocation
				 where (:sku::text is null or sku = :sku) and (:location::text is null or location_id = :location)
				 order by sku, location_id, channel_id limit 1000""")
			.param("sku", sku == null ? null : sku.value())
			.param("location", location == null ? null : location.value())
			.query(AllocationStore::allocation)
			.list();
	}

	static Allocation allocation(ResultSet rs, int row) throws SQLException {
		return new Allocation(new Sku(rs.getString("sku")), new LocationId(rs.getString("location_id")),
				new ChannelId(rs.getString("channel_id")), rs.getInt("quantity"), rs.getInt("reserved"),
				rs.getTimestamp("updated_at").toInstant());
	}

}
