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
import io.omnis.inventory.Reservation;
import io.omnis.inventory.ReservationId;
import io.omnis.inventory.ReservationKind;
import io.omnis.inventory.ReservationLine;
import io.omnis.inventory.ReservationStatus;
import io.omnis.inventory.Sku;

/**
 * The reservation and reservation_line tables.
 */
@Repository
public class ReservationStore {

	private final JdbcClient jdbc;

	ReservationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Writes a changed reservation: its status, expiry and lines. */
	public void update(Reservation reservation) {
		jdbc.sql("""
				update reservation set status = :status, expires_at = :expiresAt, updated_at = :updatedAt
				 where id = :id""")
			.param("id", reservation.id().value())
			.param("status", reservation.status().name())
			.param("expiresAt", Timestamp.from(reservation.expiresAt()))
			.param("updatedAt", Timestamp.from(reservation.updatedAt()))
			.update();
		jdbc.sql("delete from reservation_line where reservation_id = :id")
			.param("id", reservation.id().value())
			.update();
		insertLines(reservation);
	}

	/** Writes a new status; the lines stay as the record of what was held. */
	public void updateStatus(Reservation reservation) {
		jdbc.sql("update reservation set status = :status, updated_at = :updatedAt where id = :id")
			.param("id", reservation.id().value())
			.param("status", reservation.status().name())
			.param("updatedAt", Timestamp.from(reservation.updatedAt()))
			.update();
	}

	/**
	 * The reservation, its row locked until the transaction ends when {@code lock} is
	 * set.
	 */
	public Optional<Reservation> find(ReservationId id, boolean lock) {
		return jdbc.sql("select * from reservation where id = :id" + (lock ? " for update" : ""))
			.param("id", id.value())
			.query((rs, row) -> reservation(rs, lines(id)))
			.optional();
	}

	/**
	 * Up to {@code limit} held reservations past their expiry, locked; those another node
	 * is expiring are skipped rather than waited for.
	 */
	public List<ReservationId> lockDue(Instant now, int limit) {
		return jdbc.sql("""
				select id from reservation
				 where status = 'HELD' and expires_at <= :now
				 order by expires_at limit :limit
				   for update skip locked""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, row) -> new ReservationId(rs.getString(1)))
			.list();
	}

	private List<ReservationLine> lines(ReservationId id) {
		return jdbc.sql("select * from reservation_line where reservation_id = :id order by sku, location_id")
			.param("id", id.value())
			.query((rs, row) -> new ReservationLine(new Sku(rs.getString("sku")),
					new LocationId(rs.getString("location_id")), rs.getInt("quantity"), rs.getInt("from_allocation")))
			.list();
	}

	private void insertLines(Reservation reservation) {
		reservation.lines().forEach(line -> insertLine(reservation.id(), line));
	}

	/** Adds one line to a reservation. */
	public void insertLine(ReservationId id, ReservationLine line) {
		jdbc.sql("""
				insert into reservation_line (reservation_id, sku, location_id, quantity, from_allocation)
				values (:id, :sku, :location, :quantity, :fromAllocation)""")
			.param("id", id.value())
			.param("sku", line.sku().value())
			.param("location", line.locationId().value())
			.param("quantity", line.quantity())
			.param("fromAllocation", line.fromAllocation())
			.update();
	}

	private static Reservation reservation(ResultSet rs, List<ReservationLine> lines) throws SQLException {
		return new Reservation(new ReservationId(rs.getString("id")), new ChannelId(rs.getString("channel_id")),
				rs.getString("reference"), ReservationKind.valueOf(rs.getString("kind")),
				ReservationStatus.valueOf(rs.getString("status")), lines, rs.getTimestamp("expires_at").toInstant(),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
