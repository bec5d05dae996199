package io.omnis.customer;

import java.time.Instant;
import java.util.Comparator;

import org.jspecify.annotations.Nullable;

import io.omnis.customer.ProfileHistory.TimelineEntry;
import io.omnis.kernel.problem.ProblemException;

/**
 * Where a timeline page ends. The timeline is ordered newest first by event time, then
 * activities before collected events at the same instant, then by id; a position is
 * written {@code <instant>|<source>|<id>} inside the opaque cursor.
 */
record TimelinePosition(@Nullable Instant at, String source, long id) {

	static final String EVENT = "event";

	static final String ACTIVITY = "activity";

	static final Comparator<TimelineEntry> NEWEST_FIRST = Comparator.comparing(TimelineEntry::occurredAt)
		.thenComparing(entry -> entry.source().equals(ACTIVITY))
		.thenComparingLong(TimelineEntry::seq)
		.reversed();

	static TimelinePosition parse(@Nullable String position) {
		if (position == null) {
			return new TimelinePosition(null, ACTIVITY, Long.MAX_VALUE);
		}
		try {
			String[] parts = position.split("\\|", 3);
			String source = parts[1];
			if (!source.equals(EVENT) && !source.equals(ACTIVITY)) {
				throw new IllegalArgumentException(source);
			}
			return new TimelinePosition(Instant.parse(parts[0]), source, Long.parseLong(parts[2]));
		}
		catch (RuntimeException ex) {
			throw ProblemException.invalidField("cursor", "is not a cursor returned by this list");
		}
	}

	static String of(TimelineEntry entry) {
		return entry.occurredAt() + "|" + entry.source() + "|" + entry.seq();
	}

	/**
	 * Collected events come after the position: all of them at its instant when it is an
	 * activity.
	 */
	long eventsBefore() {
		return source.equals(EVENT) ? id : Long.MAX_VALUE;
	}

	/** Activities come after the position: none at its instant when it is an event. */
	long activitiesBefore() {
		return source.equals(ACTIVITY) ? id : Long.MIN_VALUE;
	}

}
