package io.omnis.fulfilment.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.omnis.fulfilment.SameDaySettings;
import io.omnis.fulfilment.SameDaySlot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Same-day slots reckoned on the store's clock, with answers computed by hand from the
 * time-zone rules: Lisbon is UTC+0 in winter and UTC+1 from 01:00 UTC on 29 March 2026;
 * New York is UTC−5 until 02:00 local on 8 March 2026 (then UTC−4, the hour 02:00–03:00
 * skipped) and again from 02:00 local on 1 November 2026 (the hour 01:00–02:00 twice);
 * Tokyo is UTC+9 all year.
 */
class SlotCalendarTests {

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					# zone           | date       | opens | closes | minutes | cutoff | lead | starts (UTC)                                              | ends (UTC)
					Europe/Lisbon    | 2026-03-28 | 10:00 | 14:00  | 120     | 09:00  | 60   | 2026-03-28T10:00:00Z 2026-03-28T12:00:00Z                 | 2026-03-28T12:00:00Z 2026-03-28T14:00:00Z
					Europe/Lisbon    | 2026-03-29 | 10:00 | 14:00  | 120     | 09:00  | 60   | 2026-03-29T09:00:00Z 2026-03-29T11:00:00Z                 | 2026-03-29T11:00:00Z 2026-03-29T13:00:00Z
					America/New_York | 2026-03-07 | 01:00 | 05:00  | 60      | 00:30  | 0    | 2026-03-07T06:00:00Z 2026-03-07T07:00:00Z 2026-03-07T08:00:00Z 2026-03-07T09:00:00Z | 2026-03-07T07:00:00Z 2026-03-07T08:00:00Z 2026-03-07T09:00:00Z 2026-03-07T10:00:00Z
					America/New_York | 2026-03-08 | 01:00 | 05:00  | 60      | 00:30  | 0    | 2026-03-08T06:00:00Z 2026-03-08T07:00:00Z 2026-03-08T08:00:00Z | 2026-03-08T07:00:00Z 2026-03-08T08:00:00Z 2026-03-08T09:00:00Z
					America/New_York | 2026-11-01 | 00:00 | 03:00  | 60      | 00:00  | 0    | 2026-11-01T04:00:00Z 2026-11-01T05:00:00Z 2026-11-01T07:00:00Z | 2026-11-01T05:00:00Z 2026-11-01T07:00:00Z 2026-11-01T08:00:00Z
					Asia/Tokyo       | 2026-06-15 | 09:00 | 13:00  | 240     | 08:00  | 60   | 2026-06-15T00:00:00Z                                      | 2026-06-15T04:00:00Z
					""")
	void slotsStartAndEndOnTheStoresClockAcrossDaylightSavingChanges(String zone, LocalDate date, LocalTime opens,
			LocalTime closes, int minutes, LocalTime cutoff, int lead, String starts, String ends) {
		SameDaySettings settings = new SameDaySettings(opens, closes, minutes, 5, cutoff, lead);
		List<SameDaySlot> slots = SlotCalendar.slots(settings, ZoneId.of(zone), date,
				Instant.parse("2020-01-01T00:00:00Z"), Map.of());

		assertThat(slots.stream().map(s -> s.start().toInstant())).containsExactlyElementsOf(instants(starts));
		assertThat(slots.stream().map(s -> s.end().toInstant())).containsExactlyElementsOf(instants(ends));
		assertThat(slots).allMatch(SameDaySlot::bookable);
	}

	@ParameterizedTest(name = "{0} {1} at {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					# zone           | date       | now                  | cut-off (UTC)        | bookable starts (UTC)
					# Winter in Lisbon: the cut-off at 09:00 local is 09:00 UTC
					Europe/Lisbon    | 2026-03-28 | 2026-03-28T08:59:59Z | 2026-03-28T09:00:00Z | 2026-03-28T10:00:00Z 2026-03-28T12:00:00Z
					Europe/Lisbon    | 2026-03-28 | 2026-03-28T09:00:00Z | 2026-03-28T09:00:00Z |
					# The day the clocks go forward: 09:00 local is 08:00 UTC, so 08:30 UTC is too late
					Europe/Lisbon    | 2026-03-29 | 2026-03-29T07:59:59Z | 2026-03-29T08:00:00Z | 2026-03-29T09:00:00Z 2026-03-29T11:00:00Z
					Europe/Lisbon    | 2026-03-29 | 2026-03-29T08:30:00Z | 2026-03-29T08:00:00Z |
					# Tokyo: 08:00 local on the 15th is 23:00 UTC on the 14th
					Asia/Tokyo       | 2026-06-15 | 2026-06-14T22:59:59Z | 2026-06-14T23:00:00Z | 2026-06-15T00:00:00Z 2026-06-15T02:00:00Z
					Asia/Tokyo       | 2026-06-15 | 2026-06-14T23:00:00Z | 2026-06-14T23:00:00Z |
					""")
	void aDaysSlotsTakeNoBookingFromTheStoresLocalCutOff(String zone, LocalDate date, Instant now, Instant cutoff,
			String bookable) {
		LocalTime localCutoff = zone.equals("Asia/Tokyo") ? LocalTime.of(8, 0) : LocalTime.of(9, 0);
		LocalTime opens = zone.equals("Asia/Tokyo") ? LocalTime.of(9, 0) : LocalTime.of(10, 0);
		SameDaySettings settings = new SameDaySettings(opens, opens.plusHours(4), 120, 5, localCutoff, 0);

		List<SameDaySlot> slots = SlotCalendar.slots(settings, ZoneId.of(zone), date, now, Map.of());

		assertThat(slots).hasSize(2);
		assertThat(slots).allMatch(s -> !s.bookableUntil().isAfter(cutoff));
		assertThat(slots.stream().filter(SameDaySlot::bookable).map(s -> s.start().toInstant()))
			.containsExactlyElementsOf(instants(bookable));
		slots.stream()
			.filter(s -> !s.bookable())
			.forEach(s -> assertThat(s.why()).startsWith("past the store's cut-off"));
	}

	@Test
	void aSlotCloserThanTheLeadTimeOrFullTakesNoBooking() {
		// Lisbon in summer (UTC+1): slots 12:00, 14:00, 16:00 local = 11:00, 13:00, 15:00
		// UTC
		SameDaySettings settings = new SameDaySettings(LocalTime.of(12, 0), LocalTime.of(18, 0), 120, 3,
				LocalTime.of(17, 0), 90);
		Instant now = Instant.parse("2026-07-01T11:30:00Z"); // 12:30 local

		List<SameDaySlot> slots = SlotCalendar.slots(settings, ZoneId.of("Europe/Lisbon"), LocalDate.of(2026, 7, 1),
				now, Map.of(Instant.parse("2026-07-01T15:00:00Z"), 3, Instant.parse("2026-07-01T13:00:00Z"), 2));

		assertThat(slots).extracting(SameDaySlot::why)
			.containsExactly("starts in less than 90 minutes", "starts in less than 90 minutes", "full");
		// 14:00 local less 90 minutes is 12:30 local = 11:30 UTC: the very last moment
		SameDaySlot second = SlotCalendar
			.slots(settings, ZoneId.of("Europe/Lisbon"), LocalDate.of(2026, 7, 1),
					Instant.parse("2026-07-01T11:29:59Z"), Map.of(Instant.parse("2026-07-01T13:00:00Z"), 2))
			.get(1);
		assertThat(second.bookable()).isTrue();
		assertThat(second.bookableUntil()).isEqualTo(Instant.parse("2026-07-01T11:30:00Z"));
		assertThat(second.remaining()).isEqualTo(1);
	}

	private static List<Instant> instants(String list) {
		return list == null || list.isBlank() ? List.of()
				: Arrays.stream(list.trim().split("\\s+")).map(Instant::parse).toList();
	}

}
