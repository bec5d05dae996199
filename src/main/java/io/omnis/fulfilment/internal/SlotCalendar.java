package io.omnis.fulfilment.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.omnis.fulfilment.SameDaySettings;
import io.omnis.fulfilment.SameDaySlot;

/**
 * The same-day slots of a store on one of its local dates. Everything is reckoned in the
 * store's time zone first and turned into instants last, so that a slot at 10:00 is at
 * 10:00 on the clock of the store on both sides of a daylight-saving change (a wall time
 * skipped by the change moves forward by the gap, as {@link ZonedDateTime#of} does).
 */
public final class SlotCalendar {

	private SlotCalendar() {
	}

	/**
	 * @param booked bookings per slot start
	 */
	public static List<SameDaySlot> slots(SameDaySettings settings, ZoneId zone, LocalDate date, Instant now,
			Map<Instant, Integer> booked) {
		Instant cutoff = ZonedDateTime.of(date, settings.cutoff(), zone).toInstant();
		Duration lead = Duration.ofMinutes(settings.leadMinutes());
		List<SameDaySlot> slots = new ArrayList<>();
		LocalTime from = settings.opens();
		while (true) {
			LocalTime to = from.plusMinutes(settings.slotMinutes());
			// A slot never runs past closing time nor past midnight
			if (to.isAfter(settings.closes()) || !to.isAfter(from)) {
				break;
			}
			ZonedDateTime start = ZonedDateTime.of(date, from, zone);
			ZonedDateTime end = ZonedDateTime.of(date, to, zone);
			if (!end.isAfter(start)) {
				// The whole slot is in the hour the clocks skip forward: it does not
				// exist
				from = to;
				continue;
			}
			Instant latest = start.toInstant().minus(lead);
			Instant until = latest.isBefore(cutoff) ? latest : cutoff;
			int taken = booked.getOrDefault(start.toInstant(), 0);
			String why = null;
			if (!now.isBefore(cutoff)) {
				why = "past the store's cut-off of " + settings.cutoff() + " (" + zone + ") on " + date;
			}
			else if (!now.isBefore(latest)) {
				why = "starts in less than " + settings.leadMinutes() + " minutes";
			}
			else if (taken >= settings.capacity()) {
				why = "full";
			}
			slots.add(new SameDaySlot(start.toOffsetDateTime(), end.toOffsetDateTime(), until, settings.capacity(),
					taken, why));
			from = to;
		}
		return slots;
	}

}
