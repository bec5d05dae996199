package io.omnis.inventory.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Reservation;
import io.omnis.inventory.Sku;
import io.omnis.inventory.Stock;

/**
 * Several new one-line reservations of the same SKU, location and channel decided in one
 * statement, in the order given: each gets all its units or none, as if each had been its
 * own conditional UPDATE one after the other (greedy: a refused one does not stop a
 * smaller one behind it). The stock row is locked once and updated once; every
 * reservation held gets its movement (with the running on hand and reserved after it),
 * its reservation row and its line.
 */
@Repository
class ReservingBatch {

	private final JdbcClient jdbc;

	ReservingBatch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What became of each wanted reservation, in the order given.
	 */
	List<Outcome> hold(Sku sku, LocationId location, ChannelId channel, List<Wanted> wanted, Instant now) {
		List<Outcome> decided = jdbc
			.sql("""
					with recursive
					wanted as (
					    select * from unnest(:ids::text[], :quantities::int[], :references::text[], :kinds::text[],
					           :expiresAt::timestamptz[], :createdAt::timestamptz[], :actors::text[], :movements::text[])
					      with ordinality as w(id, quantity, reference, kind, expires_at, created_at, actor, movement_id, ord)),
					allocation as (
					    select quantity - reserved as remaining from stock_allocation
					     where sku = :sku and location_id = :location and channel_id = :channel
					       for update),
					locked as materialized (
					    select on_hand, reserved, allocated, safety_stock from stock
					     where sku = :sku and location_id = :location
					       for update),
					decided (ord, accepted, units, reserved, allocated, remaining) as (
					    select 0::bigint, false, 0, l.reserved, l.allocated,
					           greatest(0, coalesce((select remaining from allocation), 0))
					      from locked l
					    union all
					    select w.ord, f.fits, case when f.fits then t.units else 0 end,
					           d.reserved + case when f.fits then w.quantity else 0 end,
					           d.allocated - case when f.fits then t.units else 0 end,
					           d.remaining - case when f.fits then t.units else 0 end
					      from decided d
					      join wanted w on w.ord = d.ord + 1
					      cross join locked l
					      cross join lateral (select least(w.quantity, d.remaining) as units) t
					      cross join lateral (
					          select l.on_hand - d.reserved - l.safety_stock >= w.quantity
					             and l.on_hand - d.reserved - l.safety_stock - d.allocated >= w.quantity - t.units as fits) f),
					total as (
					    select coalesce(sum(w.quantity), 0) as quantity, coalesce(sum(d.units), 0) as units
					      from decided d join wanted w on w.ord = d.ord
					     where d.accepted),
					held as (
					    update stock set reserved = stock.reserved + total.quantity,
					           allocated = stock.allocated - total.units, updated_at = :now
					      from total
					     where sku = :sku and location_id = :location and total.quantity > 0),
					drawn as (
					    update stock_allocation set reserved = stock_allocation.reserved + total.units, updated_at = :now
					      from total
					     where sku = :sku and location_id = :location and channel_id = :channel and total.units > 0),
					recorded as (
					    insert into stock_movement (id, sku, location_id, type, on_hand_delta, reserved_delta,
					           on_hand_after, reserved_after, reason, reference, channel_id, actor, occurred_at)
					    select w.movement_id, :sku, :location, 'RESERVE', 0, w.quantity, l.on_hand, d.reserved, null,
					           w.id, :channel, w.actor, :now
					      from decided d join wanted w on w.ord = d.ord cross join locked l
					     where d.accepted),
					header as (
					    insert into reservation (id, channel_id, reference, kind, status, expires_at, actor, created_at,
					           updated_at)
					    select w.id, :channel, w.reference, w.kind, 'HELD', w.expires_at, w.actor, w.created_at, w.created_at
					      from decided d join wanted w on w.ord = d.ord
					     where d.accepted),
					line as (
					    insert into reservation_line (reservation_id, sku, location_id, quantity, from_allocation)
					    select w.id, :sku, :location, w.quantity, d.units
					      from decided d join wanted w on w.ord = d.ord
					     where d.accepted)
					select d.ord, d.accepted, d.units, d.reserved, d.allocated, l.on_hand, l.safety_stock
					  from decided d cross join locked l
					 where d.ord > 0
					 order by d.ord""")
			.param("sku", sku.value())
			.param("location", location.value())
			.param("channel", channel.value())
			.param("now", Timestamp.from(now))
			.param("ids", wanted.stream().map(w -> w.header().id().value()).toArray(String[]::new))
			.param("quantities", wanted.stream().map(Wanted::quantity).toArray(Integer[]::new))
			.param("references", wanted.stream().map(w -> w.header().reference()).toArray(String[]::new))
			.param("kinds", wanted.stream().map(w -> w.header().kind().name()).toArray(String[]::new))
			.param("expiresAt",
					wanted.stream().map(w -> Timestamp.from(w.header().expiresAt())).toArray(Timestamp[]::new))
			.param("createdAt",
					wanted.stream().map(w -> Timestamp.from(w.header().createdAt())).toArray(Timestamp[]::new))
			.param("actors", wanted.stream().map(Wanted::actor).toArray(String[]::new))
			.param("movements", wanted.stream().map(Wanted::movementId).toArray(String[]::new))
			.query((rs, row) -> rs.getBoolean("accepted")
					? new Outcome(new Stock(sku, location, rs.getInt("on_hand"), rs.getInt("reserved"),
							rs.getInt("safety_stock"), rs.getInt("allocated"), now), rs.getInt("units"))
					: Outcome.REFUSED)
			.list();
		// No stock row at all: nothing was decided, every one is refused
		return decided.isEmpty() ? wanted.stream().map(w -> Outcome.REFUSED).toList() : decided;
	}

	/** A one-line reservation to hold, and the ledger entry's id should it be held. */
	record Wanted(Reservation header, int quantity, String actor, String movementId) {
	}

	/**
	 * The stock row right after a reservation was held, and how many units its channel's
	 * allocation gave; {@link #REFUSED} when it was not held.
	 */
	record Outcome(@Nullable Stock after, int fromAllocation) {

		static final Outcome REFUSED = new Outcome(null, 0);

	}

}
