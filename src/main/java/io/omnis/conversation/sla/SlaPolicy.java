package io.omnis.conversation.sla;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.omnis.conversation.Priority;
import io.omnis.conversation.SlaEvents.Target;

/**
 * The promises made to conversations of a team and priority ({@code null}: any), in
 * business minutes of a calendar ({@code slp_…}).
 *
 * @param warnBeforeMinutes a clock is "at risk" this many business minutes before its due
 * time
 */
public record SlaPolicy(String id, String name, @Nullable String team, @Nullable Priority priority, String calendarId,
		int firstResponseMinutes, @Nullable Integer nextResponseMinutes, @Nullable Integer resolutionMinutes,
		int warnBeforeMinutes, Instant createdAt, Instant updatedAt) {

	public static final String PREFIX = "slp";

	/** The business time allowed for a target, or null when this policy sets none. */
	public @Nullable Duration allowed(Target target) {
		Integer minutes = switch (target) {
			case FIRST_RESPONSE -> firstResponseMinutes;
			case NEXT_RESPONSE -> nextResponseMinutes;
			case RESOLUTION -> resolutionMinutes;
		};
		return minutes == null ? null : Duration.ofMinutes(minutes);
	}

	/** The business time after which a clock of this target is at risk. */
	public Duration warnAfter(Duration allowed) {
		Duration warn = allowed.minusMinutes(warnBeforeMinutes);
		return warn.isNegative() ? Duration.ZERO : warn;
	}

}
