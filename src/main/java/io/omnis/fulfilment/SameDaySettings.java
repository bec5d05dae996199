package io.omnis.fulfilment;

import java.time.LocalTime;

/**
 * How a store delivers the same day, in its own time zone: slots of {@code slotMinutes}
 * from {@code opens} until {@code closes}, {@code capacity} deliveries each; the day's
 * slots take bookings until {@code cutoff}, and none closer than {@code leadMinutes} to
 * its start.
 */
public record SameDaySettings(LocalTime opens, LocalTime closes, int slotMinutes, int capacity, LocalTime cutoff,
		int leadMinutes) {
}
