package io.omnis.fulfilment.internal;

import java.time.LocalTime;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.omnis.fulfilment.SameDaySettings;

/**
 * The same-day slots of a SAME_DAY store that has none of its own
 * ({@code omnis.fulfilment.same-day.*}); each member left out has the default shown.
 */
@ConfigurationProperties("omnis.fulfilment.same-day")
public record SameDayProperties(@Nullable LocalTime opens, @Nullable LocalTime closes, @Nullable Integer slotMinutes,
		@Nullable Integer capacity, @Nullable LocalTime cutoff, @Nullable Integer leadMinutes) {

	public SameDaySettings settings() {
		return new SameDaySettings(opens == null ? LocalTime.of(12, 0) : opens,
				closes == null ? LocalTime.of(22, 0) : closes, slotMinutes == null ? 120 : slotMinutes,
				capacity == null ? 20 : capacity, cutoff == null ? LocalTime.of(18, 0) : cutoff,
				leadMinutes == null ? 120 : leadMinutes);
	}

}
