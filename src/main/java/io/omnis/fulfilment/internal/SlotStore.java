package io.omnis.fulfilment.internal;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.channel.ChannelId;
import io.omnis.fulfilment.SameDayBooking;
import io.omnis.fulfilment.SameDaySettings;
import io.omnis.inventory.LocationId;
import io.omnis.kernel.Ids;

/**
 * The same_day_settings, same_day_slot_use and same_day_booking tables.
 */
@Repository
public class SlotStore {

	private final JdbcClient jdbc;

	SlotStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<SameDaySettings> settings(LocationId location) {
		return jdbc.sql("select * from same_day_settings where location_id = :id")
			.param("id", location.value())
			.query((rs, n) -> new SameDaySettings(rs.getTime("opens").toLocalTime(), rs.getTime("closes").toLocalTime(),
					rs.getInt("slot_minutes"), rs.getInt("capacity"), rs.getTime("cutoff").toLocalTime(),
					rs.getInt("lead_minutes")))
			.optional();
	}

	public void save(LocationId location, SameDaySettings s, Instant now) {
		jdbc.sql("""
				insert into same_day_settings (location_id, opens, closes, slot_minutes, capacity, cutoff, lead_minutes,
				       updated_at)
				values (:id, :opens, :closes, :slot, :capacity, :cutoff, :lead, :now)
				on conflict (location_id) do update set opens = excluded.opens, closes = excluded.closes,
				       slot_minutes = excluded.slot_minutes, capacity = excluded.capacity, cutoff = excluded.cutoff,
				       lead_minutes = excluded.lead_minutes, updated_at = excluded.updated_at""")
			.param("id", location.value())
			.param("opens", Time.valueOf(s.opens()))
			.param("closes", Time.valueOf(s.closes()))
			.param("slot", s.slotMinutes())
			.param("capacity", s.capacity())
			.param("cutoff", Time.valueOf(s.cutoff()))
			.param("lead", s.leadMinutes())
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Bookings per slot start of the location between the two instants. */
	public Map<Instant, Integer> booked(LocationId location, Instant from, Instant until) {
		Map<Instant, Integer> booked = new HashMap<>();
		jdbc.sql("""
				select slot_start, booked from same_day_slot_use
				 where location_id = :id and slot_start >= :from and slot_start < :until""")
			.param("id", location.value())
			.param("from", Timestamp.from(from))
			.param("until", Timestamp.from(until))
			.query(rs -> {
				booked.put(rs.getTimestamp(1).toInstant(), rs.getInt(2));
			});
		return booked;
	}

	/**
	 * Takes one delivery of the slot if fewer than {@code capacity} are booked, in one
	 * statement: concurrent bookings of the last place queue on the row and only one
	 * wins.
	 * @return whether it was taken
	 */
	public boolean take(LocationId location, Instant start, int capacity) {
		return jdbc.sql("""
				insert into same_day_slot_use (location_id, slot_start, booked)
				select :id, :start, 1 where :capacity > 0
				on conflict (location_id, slot_start) do update set booked = same_day_slot_use.booked + 1
				 where same_day_slot_use.booked < :capacity""")
			.param("id", location.value())
			.param("start", Timestamp.from(start))
			.param("capacity", capacity)
			.update() == 1;
	}

	public SameDayBooking book(ChannelId channel, String reference, LocationId location, Instant start, Instant end,
			ZoneId zone, Instant now) {
		String id = Ids.next("sdb");
		jdbc.sql("""
				insert into same_day_booking (id, channel_id, reference, location_id, slot_start, slot_end, status,
				       created_at)
				values (:id, :channel, :reference, :location, :start, :end, 'BOOKED', :now)""")
			.param("id", id)
			.param("channel", channel.value())
			.param("reference", reference)
			.param("location", location.value())
			.param("start", Timestamp.from(start))
			.param("end", Timestamp.from(end))
			.param("now", Timestamp.from(now))
			.update();
		return new SameDayBooking(id, channel, reference, location, start.atZone(zone).toOffsetDateTime(),
				end.atZone(zone).toOffsetDateTime());
	}

	/**
	 * The booking of the reference, its times at UTC (callers put them in the store's
	 * zone).
	 */
	public Optional<SameDayBooking> booking(ChannelId channel, String reference) {
		return jdbc.sql("""
				select id, location_id, slot_start, slot_end from same_day_booking
				 where channel_id = :channel and reference = :reference and status = 'BOOKED'""")
			.param("channel", channel.value())
			.param("reference", reference)
			.query((rs, n) -> new SameDayBooking(rs.getString(1), channel, reference, new LocationId(rs.getString(2)),
					rs.getTimestamp(3).toInstant().atOffset(java.time.ZoneOffset.UTC),
					rs.getTimestamp(4).toInstant().atOffset(java.time.ZoneOffset.UTC)))
			.optional();
	}

	/**
	 * Lets the reference's booking go and gives its place back to the slot.
	 * @return whether there was one
	 */
	public boolean release(ChannelId channel, String reference) {
		var released = jdbc.sql("""
				update same_day_booking set status = 'RELEASED'
				 where channel_id = :channel and reference = :reference and status = 'BOOKED'
				returning location_id, slot_start""")
			.param("channel", channel.value())
			.param("reference", reference)
			.query((rs, n) -> new Object[] { rs.getString(1), rs.getTimestamp(2) })
			.optional();
		released.ifPresent(row -> jdbc.sql("""
				update same_day_slot_use set booked = booked - 1
				 where location_id = :location and slot_start = :start and booked > 0""")
			.param("location", row[0])
			.param("start", row[1])
			.update());
		return released.isPresent();
	}

}
