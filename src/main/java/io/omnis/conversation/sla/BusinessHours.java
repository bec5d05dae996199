package io.omnis.conversation.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a team works: opening spans per day of the week in a time zone, less holidays.
 * Business time is real elapsed time inside those spans, so a span on the night the
 * clocks change holds an hour more or less than its wall-clock length.
 */
public final class BusinessHours {

	/** How far ahead a due time is looked for before the calendar is taken as closed. */
	private static final int MAX_DAYS = 3660;

	private final ZoneId zone;

	private final Map<DayOfWeek, List<Span>> week;

	private final Set<LocalDate> holidays;

	/**
	 * @param week the opening spans of each day; days not named are closed
	 * @throws IllegalArgumentException when spans overlap or no day is open
	 */
	public BusinessHours(ZoneId zone, Map<DayOfWeek, List<Span>> week, Set<LocalDate> holidays) {
		this.zone = zone;
		Map<DayOfWeek, List<Span>> sorted = new EnumMap<>(DayOfWeek.class);
		week.forEach((day, spans) -> {
			List<Span> ordered = new ArrayList<>(spans);
			ordered.sort(Comparator.comparingInt(Span::from));
			for (int i = 1; i < ordered.size(); i++) {
				if (ordered.get(i).from() < ordered.get(i - 1).to()) {
					throw new IllegalArgumentException(day + " has overlapping spans");
				}
			}
			sorted.put(day, List.copyOf(ordered));
		});
		if (sorted.values().stream().allMatch(List::isEmpty)) {
			throw new IllegalArgumentException("no day is open");
		}
		this.week = Map.copyOf(sorted);
		this.holidays = Set.copyOf(holidays);
	}

	/**
	 * An opening span of a day, in minutes from midnight; {@code to} may be 1440 (24:00).
	 */
	public record Span(int from, int to) {

		public Span {
			if (from < 0 || to > 1440 || from >= to) {
				throw new IllegalArgumentException("a span runs forward within a day");
			}
		}

		/** A span from "HH:mm" to "HH:mm" ("24:00" allowed as the end). */
		public static Span of(String from, String to) {
			return new Span(minutes(from, false), minutes(to, true));
		}

		private static int minutes(String time, boolean end) {
			if (end && "24:00".equals(time)) {
				return 1440;
			}
			LocalTime parsed = LocalTime.parse(time);
			return parsed.getHour() * 60 + parsed.getMinute();
		}

		public String fromText() {
			return text(from);
		}

		public String toText() {
			return text(to);
		}

		private static String text(int minutes) {
			return "%02d:%02d".formatted(minutes / 60, minutes % 60);
		}

	}

	public ZoneId zone() {
		return zone;
	}

	public Map<DayOfWeek, List<Span>> week() {
		return week;
	}

	public Set<LocalDate> holidays() {
		return holidays;
	}

	/**
	 * The instant at which {@code amount} of business time has passed since
	 * {@code start}. Zero gives the start itself when the team is working then, otherwise
	 * the next opening.
	 */
	public Instant plus(Instant start, Duration amount) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException("amount must not be negative");
		}
		Duration left = amount;
		LocalDate day = start.atZone(zone).toLocalDate();
		for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
			for (Span span : spans(day)) {
				Instant open = at(day, span.from());
				Instant close = at(day, span.to());
				Instant from = open.isBefore(start) ? start : open;
				if (!from.isBefore(close)) {
					continue;
				}
				Duration available = Duration.between(from, close);
				if (left.compareTo(available) <= 0) {
					return from.plus(left);
				}
				left = left.minus(available);
			}
		}
		throw new IllegalStateException("The calendar has no business time within " + MAX_DAYS + " days");
	}

	/**
	 * The business time that passes from {@code from} to {@code to} (zero if not after).
	 */
	public Duration between(Instant from, Instant to) {
		if (!to.isAfter(from)) {
			return Duration.ZERO;
		}
		Duration total = Duration.ZERO;
		LocalDate last = to.atZone(zone).toLocalDate();
		for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
			for (Span span : spans(day)) {
				Instant open = at(day, span.from());
				Instant close = at(day, span.to());
				Instant start = open.isBefore(from) ? from : open;
				Instant end = close.isAfter(to) ? to : close;
				if (start.isBefore(end)) {
					total = total.plus(Duration.between(start, end));
				}
			}
		}
		return total;
	}

	private List<Span> spans(LocalDate day) {
		return holidays.contains(day) ? List.of() : week.getOrDefault(day.getDayOfWeek(), List.of());
	}

	private Instant at(LocalDate day, int minute) {
		if (minute == 1440) {
			return day.plusDays(1).atStartOfDay(zone).toInstant();
		}
		// A wall-clock time that does not exist (the hour skipped in spring) moves on by
		// the gap, as ZonedDateTime does
		return ZonedDateTime.of(day, LocalTime.of(minute / 60, minute % 60), zone).toInstant();
	}

}
