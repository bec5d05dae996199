package io.omnis.conversation.sla;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.conversation.Priority;
import io.omnis.conversation.sla.BusinessHours.Span;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;

/**
 * The business calendars and service-level policies, checked field by field before
 * anything is stored.
 */
@Service
@Transactional
public class SlaSettings {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, List<Map<String, String>>>> WEEK = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final java.time.Clock clock;

	SlaSettings(JdbcClient jdbc, java.time.Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A calendar as a client describes it. */
	public record CalendarInput(@Nullable String name, @Nullable String timeZone,
			@Nullable Map<String, List<SpanInput>> weeklyHours, @Nullable List<String> holidays) {
	}

	public record SpanInput(@Nullable String from, @Nullable String to) {
	}

	/** A policy as a client describes it; priority and team null: any. */
	public record PolicyInput(@Nullable String name, @Nullable String team, @Nullable String priority,
			@Nullable String calendarId, @Nullable Integer firstResponseMinutes, @Nullable Integer nextResponseMinutes,
			@Nullable Integer resolutionMinutes, @Nullable Integer warnBeforeMinutes) {
	}

	public SlaCalendar createCalendar(CalendarInput input) {
		BusinessHours hours = hours(input);
		String name = name(input.name());
		Instant now = clock.instant();
		String id = Ids.next(SlaCalendar.PREFIX);
		jdbc.sql("""
				insert into sla_calendar (id, name, time_zone, weekly_hours, holidays, created_at, updated_at)
				values (:id, :name, :zone, cast(:week as jsonb), cast(:holidays as date[]), :at, :at)""")
			.param("id", id)
			.param("name", name)
			.param("zone", hours.zone().getId())
			.param("week", weekJson(hours))
			.param("holidays", holidays(hours))
			.param("at", Timestamp.from(now))
			.update();
		return calendar(id);
	}

	public SlaCalendar updateCalendar(String id, CalendarInput input) {
		calendar(id);
		BusinessHours hours = hours(input);
		jdbc.sql("""
				update sla_calendar set name = :name, time_zone = :zone, weekly_hours = cast(:week as jsonb),
				       holidays = cast(:holidays as date[]), updated_at = :at where id = :id""")
			.param("id", id)
			.param("name", name(input.name()))
			.param("zone", hours.zone().getId())
			.param("week", weekJson(hours))
			.param("holidays", holidays(hours))
			.param("at", Timestamp.from(clock.instant()))
			.update();
		return calendar(id);
	}

	public void deleteCalendar(String id) {
		calendar(id);
		if (jdbc.sql("select count(*) from sla_policy where calendar_id = :id")
			.param("id", id)
			.query(Long.class)
			.single() > 0) {
			throw ProblemException.conflict("A policy counts in this calendar: change or delete the policy first");
		}
		jdbc.sql("delete from sla_calendar where id = :id").param("id", id).update();
	}

	@Transactional(readOnly = true)
	public SlaCalendar calendar(String id) {
		return findCalendar(id).orElseThrow(() -> new NotFoundException("calendar", id));
	}

	@Transactional(readOnly = true)
	public Optional<SlaCalendar> findCalendar(String id) {
		return jdbc.sql("select * from sla_calendar where id = :id")
			.param("id", id)
			.query(this::calendarRow)
			.optional();
	}

	@Transactional(readOnly = true)
	public List<SlaCalendar> calendars() {
		return jdbc.sql("select * from sla_calendar order by id limit 500").query(this::calendarRow).list();
	}

	public SlaPolicy createPolicy(PolicyInput input) {
		String id = Ids.next(SlaPolicy.PREFIX);
		Instant now = clock.instant();
		write("""
				insert into sla_policy (id, name, team, priority, calendar_id, first_response_minutes,
				       next_response_minutes, resolution_minutes, warn_before_minutes, created_at, updated_at)
				values (:id, :name, :team, :priority, :calendar, :first, :next, :resolution, :warn, :at, :at)""", id,
				input, now);
		return policy(id);
	}

	public SlaPolicy updatePolicy(String id, PolicyInput input) {
		policy(id);
		write("""
				update sla_policy set name = :name, team = :team, priority = :priority, calendar_id = :calendar,
				       first_response_minutes = :first, next_response_minutes = :next,
				       resolution_minutes = :resolution, warn_before_minutes = :warn, updated_at = :at
				 where id = :id""", id, input, clock.instant());
		return policy(id);
	}

	public void deletePolicy(String id) {
		policy(id);
		jdbc.sql("delete from sla_policy where id = :id").param("id", id).update();
	}

	@Transactional(readOnly = true)
	public SlaPolicy policy(String id) {
		return jdbc.sql("select * from sla_policy where id = :id")
			.param("id", id)
			.query(this::policyRow)
			.optional()
			.orElseThrow(() -> new NotFoundException("policy", id));
	}

	@Transactional(readOnly = true)
	public Optional<SlaPolicy> findPolicy(String id) {
		return jdbc.sql("select * from sla_policy where id = :id").param("id", id).query(this::policyRow).optional();
	}

	@Transactional(readOnly = true)
	public List<SlaPolicy> policies() {
		return jdbc.sql("select * from sla_policy order by id limit 500").query(this::policyRow).list();
	}

	/**
	 * The most specific policy for a team and priority: team and priority, team,
	 * priority, any.
	 */
	@Transactional(readOnly = true)
	public Optional<SlaPolicy> policyFor(@Nullable String team, Priority priority) {
		return jdbc.sql("""
				select * from sla_policy
				 where (team = :team or team is null) and (priority = :priority or priority is null)
				 order by (team is not null) desc, (priority is not null) desc limit 1""")
			.param("team", team)
			.param("priority", priority.name())
			.query(this::policyRow)
			.optional();
	}

	private void write(String sql, String id, PolicyInput input, Instant at) {
		String name = name(input.name());
		String team = input.team() == null || input.team().isBlank() ? null : input.team().strip();
		if (team != null && team.length() > 60) {
			throw ProblemException.invalidField("team", "must be at most 60 characters");
		}
		Priority priority = null;
		if (input.priority() != null && !input.priority().isBlank()) {
			try {
				priority = Priority.valueOf(input.priority().strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw ProblemException.invalidField("priority", "must be one of LOW, NORMAL, HIGH, URGENT");
			}
		}
		if (input.calendarId() == null || findCalendar(input.calendarId()).isEmpty()) {
			throw ProblemException.invalidField("calendarId", "must name an existing calendar");
		}
		int first = minutes(input.firstResponseMinutes(), "firstResponseMinutes", true);
		Integer next = input.nextResponseMinutes() == null ? null
				: minutes(input.nextResponseMinutes(), "nextResponseMinutes", true);
		Integer resolution = input.resolutionMinutes() == null ? null
				: minutes(input.resolutionMinutes(), "resolutionMinutes", true);
		int warn = input.warnBeforeMinutes() == null ? 0
				: minutes(input.warnBeforeMinutes(), "warnBeforeMinutes", false);
		try {
			jdbc.sql(sql)
				.param("id", id)
				.param("name", name)
				.param("team", team)
				.param("priority", priority == null ? null : priority.name())
				.param("calendar", input.calendarId())
				.param("first", first)
				.param("next", next)
				.param("resolution", resolution)
				.param("warn", warn)
				.param("at", Timestamp.from(at))
				.update();
		}
		catch (DataIntegrityViolationException ex) {
			throw ProblemException.conflict("Another policy already covers this team and priority");
		}
	}

	private static int minutes(@Nullable Integer value, String field, boolean positive) {
		if (value == null) {
			throw ProblemException.invalidField(field, "is required");
		}
		if (value < (positive ? 1 : 0) || value > 525_600) {
			throw ProblemException.invalidField(field, "must be between " + (positive ? 1 : 0) + " and 525600 minutes");
		}
		return value;
	}

	private static String name(@Nullable String name) {
		if (name == null || name.isBlank()) {
			throw ProblemException.invalidField("name", "is required");
		}
		if (name.length() > 120) {
			throw ProblemException.invalidField("name", "must be at most 120 characters");
		}
		return name.strip();
	}

	static BusinessHours hours(CalendarInput input) {
		if (input.timeZone() == null) {
			throw ProblemException.invalidField("timeZone", "is required");
		}
		ZoneId zone;
		try {
			zone = ZoneId.of(input.timeZone());
		}
		catch (DateTimeException ex) {
			throw ProblemException.invalidField("timeZone", "must be an IANA time zone such as Europe/Lisbon");
		}
		if (input.weeklyHours() == null) {
			throw ProblemException.invalidField("weeklyHours", "is required");
		}
		Map<DayOfWeek, List<Span>> week = new EnumMap<>(DayOfWeek.class);
		input.weeklyHours().forEach((dayName, spans) -> {
			DayOfWeek day;
			try {
				day = DayOfWeek.valueOf(dayName.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw ProblemException.invalidField("weeklyHours." + dayName, "is not a day of the week");
			}
			List<Span> parsed = new ArrayList<>();
			for (SpanInput span : spans == null ? List.<SpanInput>of() : spans) {
				try {
					parsed.add(Span.of(String.valueOf(span.from()), String.valueOf(span.to())));
				}
				catch (DateTimeException | IllegalArgumentException ex) {
					throw ProblemException.invalidField("weeklyHours." + dayName,
							"spans run from HH:mm to a later HH:mm (24:00 allowed)");
				}
			}
			week.put(day, parsed);
		});
		Set<LocalDate> holidays = new TreeSet<>();
		for (String holiday : input.holidays() == null ? List.<String>of() : input.holidays()) {
			try {
				holidays.add(LocalDate.parse(String.valueOf(holiday)));
			}
			catch (DateTimeException ex) {
				throw ProblemException.invalidField("holidays", "are dates such as 2026-12-25");
			}
		}
		if (holidays.size() > 1000) {
			throw ProblemException.invalidField("holidays", "must be at most 1000 dates");
		}
		try {
			return new BusinessHours(zone, week, holidays);
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalidField("weeklyHours", ex.getMessage());
		}
	}

	private static String weekJson(BusinessHours hours) {
		Map<String, List<Map<String, String>>> week = new LinkedHashMap<>();
		hours.week()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach(day -> week.put(day.getKey().name(),
					day.getValue()
						.stream()
						.map(span -> Map.of("from", span.fromText(), "to", span.toText()))
						.toList()));
		return JSON.writeValueAsString(week);
	}

	private static String[] holidays(BusinessHours hours) {
		return hours.holidays().stream().sorted().map(LocalDate::toString).toArray(String[]::new);
	}

	private SlaCalendar calendarRow(ResultSet rs, int row) throws SQLException {
		Map<DayOfWeek, List<Span>> week = new EnumMap<>(DayOfWeek.class);
		JSON.readValue(rs.getString("weekly_hours"), WEEK)
			.forEach((day, spans) -> week.put(DayOfWeek.valueOf(day),
					spans.stream().map(span -> Span.of(span.get("from"), span.get("to"))).toList()));
		Set<LocalDate> holidays = new TreeSet<>();
		for (Object date : (Object[]) rs.getArray("holidays").getArray()) {
			holidays.add(((Date) date).toLocalDate());
		}
		return new SlaCalendar(rs.getString("id"), rs.getString("name"),
				new BusinessHours(ZoneId.of(rs.getString("time_zone")), week, holidays),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

	private SlaPolicy policyRow(ResultSet rs, int row) throws SQLException {
		String priority = rs.getString("priority");
		return new SlaPolicy(rs.getString("id"), rs.getString("name"), rs.getString("team"),
				priority == null ? null : Priority.valueOf(priority), rs.getString("calendar_id"),
				rs.getInt("first_response_minutes"), (Integer) rs.getObject("next_response_minutes"),
				(Integer) rs.getObject("resolution_minutes"), rs.getInt("warn_before_minutes"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
