package io.omnis.inventory;

import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * The hours a location is open on one weekday, in its own time zone.
 */
public record Opening(DayOfWeek day, LocalTime opens, LocalTime closes) {

	public Opening {
		if (!opens.isBefore(closes)) {
			throw new IllegalArgumentException("opens must be before closes");
		}
	}

}
