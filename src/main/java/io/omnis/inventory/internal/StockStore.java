package io.omnis.inventory.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Sku;
import io.omnis.inventory.Stock;

/**
 * The stock table. Every change is one conditional UPDATE that decides and applies it
 * atomically, so that it holds however many application nodes run; an empty answer means
 * the condition did not hold and nothing changed.
 */
@Repository
public class StockStore {

	private final JdbcClient jdbc;

	StockStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Makes sure the row exists (with nothing in it) before a change that may add. */
	public void ensure(Sku sku, LocationId location, Instant now) {
		jdbc.sql("""
				insert into stock (sku, location_id, updated_at) values (:sku, :location, :now)
				on conflict (sku, location_id) do nothing""")
			.param("sku", sku.value())
			.param("location", location.value())
			.param("now", Timestamp.from(now))
			.update();
	}

	public Optional<Stock> find(Sku sku, LocationId location) {
		return jdbc.sql("select * from stock where sku = :sku and location_id = :location")
			.param("sku", sku.value())
			.param("location", location.value())
			.query(StockStore::stock)
			.optional();
	}

	public List<Stock> ofSku(Sku sku) {
		return jdbc.sql("select * from stock where sku = :sku order by location_id limit 1000")
			.param("sku", sku.value())
			.query(StockStore::stock)
			.list();
	}

	/**
	 * Adds a signed delta to on hand, unless on hand would fall below what is reserved.
	 */
	public Optional<Stock> addOnHand(Sku sku, LocationId location, int delta, Instant now) {
		return jdbc.sql("""
				update stock set on_hand = on_hand + :delta, updated_at = :now
				 where sku = :sku and location_id = :location and on_hand + :delta >= reserved
				returning *""")
			.param("delta", delta)
			.param("sku", sku.value())
			.param("location", location.value())
			.param("now", Timestamp.from(now))
			.query(StockStore::stock)
			.optional();
	}

	/** The row, locked until the transaction ends. */
	public Optional<Stock> lock(Sku sku, LocationId location) {
		return jdbc.sql("select * from stock where sku = :sku and location_id = :location for update")
			.param("sku", sku.value())
			.param("location", location.value())
			.query(StockStore::stock)
			.optional();
	}

	/**
	 * Holds units for a reservation: the check and the hold in one statement.
	 * @param fromAllocation how many of them the channel's own allocation gives; the rest
	 * must come from the units no channel holds
	 */
	public Optional<Stock> hold(Sku sku, LocationId location, int quantity, int fromAllocation, Instant now,
			String movementId, String reference, ChannelId channel, String actor) {
		// The row stays locked from this statement to the commit: its movement is written
		// by the same statement, so that nothing else runs while others wait for the row
		return jdbc.sql("""
				with held as (
				    update stock
				       set reserved = reserved + :quantity, allocated = allocated - :fromAllocation, updated_at = :now
				     where sku = :sku and location_id = :location
				       and on_hand - reserved - safety_stock >= :quantity
				       and on_hand - reserved - safety_stock - allocated >= :quantity - :fromAllocation
				    returning *),
				recorded as (
				    insert into stock_movement (id, sku, location_id, type, on_hand_delta, reserved_delta,
				           on_hand_after, reserved_after, reason, reference, channel_id, actor, occurred_at)
				    select :movementId, sku, location_id, 'RESERVE', 0, :quantity, on_hand, reserved, null, :reference,
				           :channel, :actor, :now
				      from held)
				select * from held""")
			.param("quantity", quantity)
			.param("fromAllocation", fromAllocation)
			.param("sku", sku.value())
			.param("location", location.value())
			.param("now", Timestamp.from(now))
			.param("movementId", movementId)
			.param("reference", reference)
			.param("channel", channel.value())
			.param("actor", actor)
			.query(StockStore::stock)
			.optional();
	}

	/** Lets held units go; those from an allocation go back to it. */
	public Optional<Stock> release(Sku sku, LocationId location, int quantity, int toAllocation, Instant now) {
		return jdbc.sql("""
				update stock
				   set reserved = reserved - :quantity, allocated = allocated + :toAllocation, updated_at = :now
				 where sku = :sku and location_id = :location and reserved >= :quantity
				returning *""")
			.param("quantity", quantity)
			.param("toAllocation", toAllocation)
			.param("sku", sku.value())
			.param("location", location.value())
			.param("now", Timestamp.from(now))
			.query(StockStore::stock)
			.optional();
	}

	/** Sells held units: they leave on hand and reserved at this same location. */
	public Optional<Stock> consume(Sku sku, LocationId location, int quantity, Instant now) {
		return jdbc.sql("""
				update stock
				   set on_hand = on_hand - :quantity, reserved = reserved - :quantity, updated_at = :now
				 where sku = :sku and location_id = :location and reserved >= :quantity
				returning *""")
			.param("quantity", quantity)
			.param("sku", sku.value())
			.param("location", location.value())
			.param("now", Timestamp.from(now))
			.query(StockStore::stock)
			.optional();
	}

	/** Sets on hand to a counted quantity, unless that is less than what is reserved. */
	public Optional<Stock> setOnHand(Sku sku, LocationId location, int counted, Instant now) {
		return jdbc.sql("""
				update stock set on_hand = :counted, updated_at = :now
				 where sku = :sku and location_id = :location and :counted >= reserved
				returning *""")
			.param("counted", counted)
			.param("sku", sku.value())
			.param("location", location.value())
			.param("now", Timestamp.from(now))
			.query(StockStore::stock)
			.optional();
	}

	public Optional<Stock> setSafetyStock(Sku sku, LocationId location, int safetyStock, Instant now) {
		return jdbc.sql("""
				update stock set safety_stock = :safety, updated_at = :now
				 where sku = :sku and location_id = :location
				returning *""")
			.param("safety", safetyStock)
			.param("sku", sku.value())
			.param("location", location.value())
			.param("now", Timestamp.from(now))
			.query(StockStore::stock)
			.optional();
	}

	/**
	 * Changes the ring-fenced units by a delta; an increase must fit in the free units no
	 * channel holds yet.
	 */
	public Optional<Stock> addAllocated(Sku sku, LocationId location, int delta, Instant now) {
		return jdbc.sql("""
				update stock set allocated = allocated + :delta, updated_at = :now
				 where sku = :sku and location_id = :location
				   and (:delta <= 0 or on_hand - reserved - safety_stock - allocated >= :delta)
				returning *""")
			.param("delta", delta)
			.param("sku", sku.value())
			.param("location", location.value())
			.param("now", Timestamp.from(now))
			.query(StockStore::stock)
			.optional();
	}

	static Stock stock(ResultSet rs, int row) throws SQLException {
		return new Stock(new Sku(rs.getString("sku")), new LocationId(rs.getString("location_id")),
				rs.getInt("on_hand"), rs.getInt("reserved"), rs.getInt("safety_stock"), rs.getInt("allocated"),
				rs.getTimestamp("updated_at").toInstant());
	}

}
