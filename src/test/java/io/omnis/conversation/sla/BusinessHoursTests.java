package io.omnis.conversation.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.omnis.conversation.sla.BusinessHours.Span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Due times and elapsed business time, checked against cases computed by hand: weekends,
 * a holiday, a lunch break, and the two nights a year the clocks change.
 */
class BusinessHoursTests {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	/** Monday to Friday 09:00-17:00 in Berlin; Christmas Day 2026 (a Friday) off. */
	static final BusinessHours OFFICE = weekdays(BERLIN, List.of(Span.of("09:00", "17:00")),
			Set.of(LocalDate.of(2026, 12, 25)));

	static final BusinessHours ALWAYS = always(BERLIN);

	@ParameterizedTest(name = "{0} + {1} business minutes = {2}")
	@CsvSource({ "2026-11-27T16:00, 120, 2026-11-30T10:00", // Friday afternoon over the
															// weekend
			"2026-11-28T12:00, 30, 2026-11-30T09:30", // written on a Saturday
			"2026-12-24T16:30, 60, 2026-12-28T09:30", // Christmas Eve, holiday, weekend
			"2026-11-23T07:00, 60, 2026-11-23T10:00", // before opening
			"2026-11-23T09:00, 480, 2026-11-23T17:00", // exactly one working day
			"2026-11-23T09:00, 481, 2026-11-24T09:01", // one minute more
			"2026-11-23T18:00, 0, 2026-11-24T09:00", // nothing to add, after closing
			"2026-11-23T10:00, 2400, 2026-11-30T10:00", // five working days
			"2026-12-24T10:00, 960, 2026-12-29T10:00", // two working days around
														// Christmas
			"2026-10-23T16:00, 120, 2026-10-26T10:00" // over the weekend the clocks go
														// back
	})
	void dueTimesInOfficeHours(LocalDateTime start, long minutes, LocalDateTime due) {
		assertThat(OFFICE.plus(at(start, BERLIN), Duration.ofMinutes(minutes))).isEqualTo(at(due, BERLIN));
		assertThat(OFFICE.between(at(start, BERLIN), at(due, BERLIN))).isEqualTo(Duration.ofMinutes(minutes));
	}

	@ParameterizedTest(name = "{0} to {1} = {2} business minutes")
	@CsvSource({ "2026-11-27T16:00, 2026-11-30T10:00, 120", "2026-11-28T00:00, 2026-11-29T23:59, 0",
			"2026-12-24T08:00, 2026-12-28T08:00, 480", "2026-11-23T12:00, 2026-11-23T12:00, 0",
			"2026-11-23T12:00, 2026-11-23T11:00, 0", "2026-11-23T08:00, 2026-11-30T08:00, 2400" })
	void elapsedBusinessTime(LocalDateTime from, LocalDateTime to, long minutes) {
		assertThat(OFFICE.between(at(from, BERLIN), at(to, BERLIN))).isEqualTo(Duration.ofMinutes(minutes));
	}

	@Test
	void aLunchBreakIsNotBusinessTime() {
		ZoneId lisbon = ZoneId.of("Europe/Lisbon");
		BusinessHours shop = weekdays(lisbon, List.of(Span.of("13:30", "18:00"), Span.of("09:00", "12:30")), Set.of());
		assertThat(shop.plus(at(LocalDateTime.parse("2026-11-23T12:00"), lisbon), Duration.ofMinutes(60)))
			.isEqualTo(at(LocalDateTime.parse("2026-11-23T14:00"), lisbon));
	}

	@Test
	void aDayWhenTheClocksGoBackHasTwentyFiveHoursOfRoundTheClockService() {
		// 24 business hours from Saturday noon end at 11:00 on Sunday 25 October 2026
		assertThat(ALWAYS.plus(at(LocalDateTime.parse("2026-10-24T12:00"), BERLIN), Duration.ofHours(24)))
			.isEqualTo(at(LocalDateTime.parse("2026-10-25T11:00"), BERLIN));
		assertThat(ALWAYS.between(at(LocalDateTime.parse("2026-10-25T00:00"), BERLIN),
				at(LocalDateTime.parse("2026-10-26T00:00"), BERLIN)))
			.isEqualTo(Duration.ofHours(25));
	}

	@Test
	void aDayWhenTheClocksGoForwardHasTwentyThreeHours() {
		assertThat(ALWAYS.plus(at(LocalDateTime.parse("2026-03-28T12:00"), BERLIN), Duration.ofHours(24)))
			.isEqualTo(at(LocalDateTime.parse("2026-03-29T13:00"), BERLIN));
		assertThat(ALWAYS.between(at(LocalDateTime.parse("2026-03-29T00:00"), BERLIN),
				at(LocalDateTime.parse("2026-03-30T00:00"), BERLIN)))
			.isEqualTo(Duration.ofHours(23));
	}

	@Test
	void aNightShiftSpanningTheChangeCountsRealHours() {
		BusinessHours night = new BusinessHours(BERLIN, Map.of(DayOfWeek.SUNDAY, List.of(Span.of("00:00", "06:00"))),
				Set.of());
		assertThat(night.between(at(LocalDateTime.parse("2026-10-25T00:00"), BERLIN),
				at(LocalDateTime.parse("2026-10-25T06:00"), BERLIN)))
			.isEqualTo(Duration.ofHours(7));
		assertThat(night.between(at(LocalDateTime.parse("2026-03-29T00:00"), BERLIN),
				at(LocalDateTime.parse("2026-03-29T06:00"), BERLIN)))
			.isEqualTo(Duration.ofHours(5));
		// Six real hours after midnight (CEST) it is 05:00 in winter time
		assertThat(night.plus(at(LocalDateTime.parse("2026-10-25T00:00"), BERLIN), Duration.ofHours(6)))
			.isEqualTo(at(LocalDateTime.parse("2026-10-25T05:00"), BERLIN));
	}

	@Test
	void elapsedTimeUndoesTheDueTimeForRandomStartsAndAmounts() {
		Random random = new Random(20261122);
		Instant year = at(LocalDateTime.parse("2026-01-01T00:00"), BERLIN);
		for (int i = 0; i < 2000; i++) {
			Instant start = year.plusSeconds(random.nextLong(365L * 24 * 3600))
				.plusNanos(random.nextInt(1_000_000_000));
			Duration amount = Duration.ofMinutes(random.nextInt(10_000));
			Instant due = OFFICE.plus(start, amount);
			assertThat(OFFICE.between(start, due)).as("from %s plus %s", start, amount).isEqualTo(amount);
			Instant middle = start.plusNanos(random.nextLong(Math.max(1, Duration.between(start, due).toNanos())));
			assertThat(OFFICE.between(start, middle).plus(OFFICE.between(middle, due))).isEqualTo(amount);
		}
	}

	@Test
	void overlappingSpansOrAClosedWeekAreRefused() {
		assertThatThrownBy(
				() -> weekdays(BERLIN, List.of(Span.of("09:00", "13:00"), Span.of("12:00", "17:00")), Set.of()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new BusinessHours(BERLIN, Map.of(), Set.of()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Span.of("17:00", "09:00")).isInstanceOf(IllegalArgumentException.class);
	}

	static BusinessHours weekdays(ZoneId zone, List<Span> spans, Set<LocalDate> holidays) {
		Map<DayOfWeek, List<Span>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			week.put(day, spans);
		}
		return new BusinessHours(zone, week, holidays);
	}

	static BusinessHours always(ZoneId zone) {
		Map<DayOfWeek, List<Span>> week = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			week.put(day, List.of(Span.of("00:00", "24:00")));
		}
		return new BusinessHours(zone, week, Set.of());
	}

	static Instant at(LocalDateTime local, ZoneId zone) {
		return local.atZone(zone).toInstant();
	}

}
