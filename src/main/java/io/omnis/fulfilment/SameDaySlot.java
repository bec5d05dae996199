package io.omnis.fulfilment;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One same-day delivery window of a store: its start and end in the store's local time
 * (with the offset in force then), the moment it stops taking bookings (the day's cut-off
 * or its lead time, whichever comes first), and how full it is.
 *
 * @param why why it cannot be booked, null when it can
 */
public record SameDaySlot(OffsetDateTime start, OffsetDateTime end, Instant bookableUntil, int capacity, int booked,
		@Nullable String why) {

	public boolean bookable() {
		return why == null;
	}

	public int remaining() {
		return Math.max(0, capacity - booked);
	}

}
