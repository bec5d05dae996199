package io.omnis.inventory.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelId;
import io.omnis.inventory.LocationId;
import io.omnis.inventory.Reservation;
import io.omnis.inventory.ReservationId;
import io.omnis.inventory.Sku;
import io.omnis.inventory.Stock;

/**
 * One line of a new reservation held in one statement: the channel's allocation is locked
 * and drawn on first, the stock row is decided by its conditional UPDATE, and the
 * movement, the reservation line and (for the first line) the reservation itself are
 * written by the same statement. Used inside a transaction (a reservation of several
 * lines, or one made by a caller's transaction); a lone one-line reservation goes through
 * {@link ReservingBatch} in autocommit instead.
 */
@Repository
class ReservingHold {

	private final JdbcClient jdbc;

	ReservingHold(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The stock row after the hold and how many units came from the channel's allocation;
	 * empty when the stock cannot cover the line (then the statement wrote nothing, not
	 * even the reservation: in autocommit nothing rolls it back).
	 * @param header the reservation to write with this line, for its first line only
	 */
	Optional<Held> hold(ReservationId reservation, @Nullable Reservation header, Sku sku, LocationId location,
			int quantity, ChannelId channel, String movementId, String actor, Instant now) {
		return jdbc
			.sql("""
					with allocation as (
					    select quantity - reserved as remaining from stock_allocation
					     where sku = :sku and location_id = :location and channel_id = :channel
					       for update),
					taking as (
					    select greatest(0, least(:quantity, coalesce((select remaining from allocation), 0))) as units),
					held as (
					    update stock
					       set reserved = reserved + :quantity, allocated = allocated - taking.units, updated_at = :now
					      from taking
					     where sku = :sku and location_id = :location
					       and on_hand - reserved - safety_stock >= :quantity
					       and on_hand - reserved - safety_stock - allocated >= :quantity - taking.units
					    returning stock.*, taking.units as from_allocation),
					drawn as (
					    update stock_allocation
					       set reserved = stock_allocation.reserved + held.from_allocation, updated_at = :now
					      from held
					     where stock_allocation.sku = :sku and stock_allocation.location_id = :location
					       and stock_allocation.channel_id = :channel and held.from_allocation > 0),
					recorded as (
					    insert into stock_movement (id, sku, location_id, type, on_hand_delta, reserved_delta,
					           on_hand_after, reserved_after, reason, reference, channel_id, actor, occurred_at)
					    select :movementId, sku, location_id, 'RESERVE', 0, :quantity, on_hand, reserved, null,
					           :reservation, :channel, :actor, :now
					      from held),
					header as (
					    insert into reservation (id, channel_id, reference, kind, status, expires_at, actor, created_at,
					           updated_at)
					    select :reservation, :channel, :reference::text, :kind::text, :status::text, :expiresAt::timestamptz, :actor,
					           :createdAt::timestamptz, :createdAt::timestamptz
					      from held
					     where :first::boolean),
					line as (
					    insert into reservation_line (reservation_id, sku, location_id, quantity, from_allocation)
					    select :reservation, sku, location_id, :quantity, from_allocation from held)
					select * from held""")
			.param("sku", sku.value())
			.param("location", location.value())
			.param("channel", channel.value())
			.param("quantity", quantity)
			.param("now", Timestamp.from(now))
			.param("movementId", movementId)
			.param("reservation", reservation.value())
			.param("actor", actor)
			.param("first", header != null)
			.param("reference", header == null ? null : header.reference())
			.param("kind", header == null ? null : header.kind().name())
			.param("status", header == null ? null : header.status().name())
			.param("expiresAt", header == null ? null : Timestamp.from(header.expiresAt()))
			.param("createdAt", header == null ? null : Timestamp.from(header.createdAt()))
			.query((rs, row) -> new Held(StockStore.stock(rs, row), rs.getInt("from_allocation")))
			.optional();
	}

	/** The stock row after a hold, and the units of it the channel's allocation gave. */
	record Held(Stock stock, int fromAllocation) {
	}

}
