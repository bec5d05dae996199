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
 * Every line of a new reservation held in one statement, all or none: for each line, in
 * the order given (the lock order), the channel's allocation row and then the stock row
 * are locked, as a line held by itself locks them, so that this statement and those never
 * deadlock; only when every line fits are the stock rows updated and the allocations
 * drawn on, the movements, the reservation and its lines written. A refused statement
 * writes nothing. Used inside a transaction, which commits what it wrote.
 */
@Repository
class ReservingLines {

	private final JdbcClient jdbc;

	ReservingLines(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What became of each line, in the order given: the stock row after the hold and the
	 * units the allocation gave; when a line did not fit, nothing at all was held.
	 */
	List<Outcome> hold(Reservation header, List<Wanted> lines, String actor, Instant now) {
		List<Outcome> outcomes = jdbc
			.sql("""
					with wanted as (
					    select * from unnest(:skus::text[], :locations::text[], :quantities::int[], :movements::text[])
					      with ordinality as w(sku, location_id, quantity, movement_id, ord)),
					locked as materialized (
					    select w.ord, w.sku, w.location_id, w.quantity, w.movement_id,
					           greatest(0, least(w.quantity, coalesce(s.allocation_remaining, 0))) as units,
					           s.on_hand, s.reserved, s.allocated, s.safety_stock
					      from (select * from wanted order by ord) w
					      left join lateral (
					          select quantity - reserved as remaining from stock_allocation
					           where sku = w.sku and location_id = w.location_id and channel_id = :channel
					             for update) a on true
					      left join lateral (
					          -- names the allocation, so that its row is locked first
					          select on_hand, reserved, allocated, safety_stock, a.remaining as allocation_remaining
					            from stock
					           where sku = w.sku and location_id = w.location_id
					             for update) s on true),
					decided as materialized (
					    select l.*, coalesce(l.on_hand - l.reserved - l.safety_stock >= l.quantity
					           and l.on_hand - l.reserved - l.safety_stock - l.allocated >= l.quantity - l.units, false) as fits
					      from locked l),
					verdict as (select bool_and(fits) as ok from decided),
					held as (
					    update stock s set reserved = s.reserved + d.quantity, allocated = s.allocated - d.units,
					           updated_at = :now
					      from decided d cross join verdict v
					     where v.ok and s.sku = d.sku and s.location_id = d.location_id
					    returning d.ord, s.sku, s.location_id, s.on_hand, s.reserved, s.safety_stock, s.allocated, d.units,
					           d.quantity, d.movement_id),
					drawn as (
					    update stock_allocation a set reserved = a.reserved + h.units, updated_at = :now
					      from held h
					     where a.sku = h.sku and a.location_id = h.location_id and a.channel_id = :channel and h.units > 0),
					recorded as (
					    insert into stock_movement (id, sku, location_id, type, on_hand_delta, reserved_delta,
					           on_hand_after, reserved_after, reason, reference, channel_id, actor, occurred_at)
					    select h.movement_id, h.sku, h.location_id, 'RESERVE', 0, h.quantity, h.on_hand, h.reserved, null,
					           :reservation, :channel, :actor, :now
					      from held h),
					header as (
					    insert into reservation (id, channel_id, reference, kind, status, expires_at, actor, created_at,
					           updated_at)
					    select :reservation, :channel, :reference::text, :kind::text, :status::text, :expiresAt::timestamptz, :actor,
					           :createdAt::timestamptz, :createdAt::timestamptz
					     where (select ok from verdict)),
					line as (
					    insert into reservation_line (reservation_id, sku, location_id, quantity, from_allocation)
					    select :reservation, h.sku, h.location_id, h.quantity, h.units from held h)
					select d.ord, d.fits, h.on_hand, h.reserved, h.safety_stock, h.allocated, h.units
					  from decided d left join held h on h.ord = d.ord
					 order by d.ord""")
			.param("skus", lines.stream().map(l -> l.sku().value()).toArray(String[]::new))
			.param("locations", lines.stream().map(l -> l.location().value()).toArray(String[]::new))
			.param("quantities", lines.stream().map(Wanted::quantity).toArray(Integer[]::new))
			.param("movements", lines.stream().map(Wanted::movementId).toArray(String[]::new))
			.param("channel", header.channelId().value())
			.param("now", Timestamp.from(now))
			.param("reservation", header.id().value())
			.param("reference", header.reference())
			.param("kind", header.kind().name())
			.param("status", header.status().name())
			.param("expiresAt", Timestamp.from(header.expiresAt()))
			.param("createdAt", Timestamp.from(header.createdAt()))
			.param("actor", actor)
			.query((rs, row) -> {
				int ord = rs.getInt("ord") - 1;
				if (rs.getObject("on_hand") == null) {
					return rs.getBoolean("fits") ? Outcome.NOT_HELD : Outcome.REFUSED;
				}
				Wanted line = lines.get(ord);
				return new Outcome(new Stock(line.sku(), line.location(), rs.getInt("on_hand"), rs.getInt("reserved"),
						rs.getInt("safety_stock"), rs.getInt("allocated"), now), rs.getInt("units"), true);
			})
			.list();
		if (outcomes.size() != lines.size()) {
			throw new IllegalStateException("Held " + outcomes.size() + " outcomes for " + lines.size() + " lines");
		}
		return outcomes;
	}

	/** A line to hold at a location, and the ledger entry's id should it be held. */
	record Wanted(Sku sku, LocationId location, int quantity, String movementId) {
	}

	/**
	 * The stock row right after a line was held, and how many units its channel's
	 * allocation gave; without a row when nothing was held: {@link #REFUSED} for a line
	 * that did not fit, {@link #NOT_HELD} for one that did while another did not.
	 */
	record Outcome(@Nullable Stock after, int fromAllocation, boolean fits) {

		static final Outcome REFUSED = new Outcome(null, 0, false);

		static final Outcome NOT_HELD = new Outcome(null, 0, true);

	}

}
