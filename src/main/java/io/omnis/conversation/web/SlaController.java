package io.omnis.conversation.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.conversation.Conversations;
import io.omnis.conversation.Priority;
import io.omnis.conversation.sla.SlaCalendar;
import io.omnis.conversation.sla.SlaClocks;
import io.omnis.conversation.sla.SlaPolicy;
import io.omnis.conversation.sla.SlaSettings;
import io.omnis.conversation.sla.SlaSettings.CalendarInput;
import io.omnis.conversation.sla.SlaSettings.PolicyInput;
import io.omnis.conversation.sla.SlaWatch;

/**
 * {@code /api/v1/sla}: business calendars, service-level policies, and the clocks of
 * conversations.
 */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Service levels", description = "Business hours, SLA policies and the clocks of conversations")
class SlaController {

	private final SlaSettings settings;

	private final SlaClocks clocks;

	private final SlaWatch watch;

	private final Conversations conversations;

	SlaController(SlaSettings settings, SlaClocks clocks, SlaWatch watch, Conversations conversations) {
		this.settings = settings;
		this.clocks = clocks;
		this.watch = watch;
		this.conversations = conversations;
	}

	record CalendarView(String id, String name, String timeZone, Map<String, List<Map<String, String>>> weeklyHours,
			List<String> holidays, Instant createdAt, Instant updatedAt) {

		static CalendarView of(SlaCalendar c) {
			Map<String, List<Map<String, String>>> week = new LinkedHashMap<>();
			c.hours()
				.week()
				.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey())
				.forEach(day -> week.put(day.getKey().name(),
						day.getValue()
							.stream()
							.map(span -> Map.of("from", span.fromText(), "to", span.toText()))
							.toList()));
			return new CalendarView(c.id(), c.name(), c.hours().zone().getId(), week,
					c.hours().holidays().stream().sorted().map(Object::toString).toList(), c.createdAt(),
					c.updatedAt());
		}

	}

	record PolicyView(String id, String name, @Nullable String team, @Nullable Priority priority, String calendarId,
			int firstResponseMinutes, @Nullable Integer nextResponseMinutes, @Nullable Integer resolutionMinutes,
			int warnBeforeMinutes, Instant createdAt, Instant updatedAt) {

		static PolicyView of(SlaPolicy p) {
			return new PolicyView(p.id(), p.name(), p.team(), p.priority(), p.calendarId(), p.firstResponseMinutes(),
					p.nextResponseMinutes(), p.resolutionMinutes(), p.warnBeforeMinutes(), p.createdAt(),
					p.updatedAt());
		}

	}

	record ClockView(String target, String policyId, Instant startedAt, Instant dueAt, Instant warnAt,
			@Nullable Instant metAt, @Nullable Instant warnedAt, @Nullable Instant breachedAt,
			@Nullable Instant pausedAt, String state) {

		static ClockView of(SlaClocks.Clock c) {
			return new ClockView(c.target().name(), c.policyId(), c.startedAt(), c.dueAt(), c.warnAt(), c.metAt(),
					c.warnedAt(), c.breachedAt(), c.pausedAt(), c.state());
		}

	}

	@GetMapping("/api/v1/sla/calendars")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "Business calendars", description = "Requires `conversations:read`.")
	Map<String, Object> calendars() {
		return Map.of("data", settings.calendars().stream().map(CalendarView::of).toList());
	}

	@PostMapping(path = "/api/v1/sla/calendars", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a business calendar",
			description = "Requires `conversations:manage`. Body: `{\"name\", \"timeZone\": \"Europe/Lisbon\", "
					+ "\"weeklyHours\": {\"MONDAY\": [{\"from\": \"09:00\", \"to\": \"17:00\"}]}, "
					+ "\"holidays\": [\"2026-12-25\"]}`.")
	CalendarView createCalendar(@RequestBody CalendarInput body) {
		return CalendarView.of(settings.createCalendar(body));
	}

	@GetMapping("/api/v1/sla/calendars/{id}")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "One business calendar", description = "Requires `conversations:read`.")
	CalendarView calendar(@PathVariable String id) {
		return CalendarView.of(settings.calendar(id));
	}

	@PutMapping(path = "/api/v1/sla/calendars/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "Replace a business calendar",
			description = "Requires `conversations:manage`. Clocks already running keep their due times.")
	CalendarView updateCalendar(@PathVariable String id, @RequestBody CalendarInput body) {
		return CalendarView.of(settings.updateCalendar(id, body));
	}

	@DeleteMapping("/api/v1/sla/calendars/{id}")
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a calendar no policy uses", description = "Requires `conversations:manage`.")
	void deleteCalendar(@PathVariable String id) {
		settings.deleteCalendar(id);
	}

	@GetMapping("/api/v1/sla/policies")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "SLA policies", description = "Requires `conversations:read`.")
	Map<String, Object> policies() {
		return Map.of("data", settings.policies().stream().map(PolicyView::of).toList());
	}

	@PostMapping(path = "/api/v1/sla/policies", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create an SLA policy for a team and priority (null: any)",
			description = "Requires `conversations:manage`. Targets in business minutes of the calendar; "
					+ "the most specific policy applies (team and priority, team, priority, any).")
	PolicyView createPolicy(@RequestBody PolicyInput body) {
		return PolicyView.of(settings.createPolicy(body));
	}

	@GetMapping("/api/v1/sla/policies/{id}")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "One SLA policy", description = "Requires `conversations:read`.")
	PolicyView policy(@PathVariable String id) {
		return PolicyView.of(settings.policy(id));
	}

	@PutMapping(path = "/api/v1/sla/policies/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:manage')")
	@Operation(summary = "Replace an SLA policy", description = "Requires `conversations:manage`.")
	PolicyView updatePolicy(@PathVariable String id, @RequestBody PolicyInput body) {
		return PolicyView.of(settings.updatePolicy(id, body));
	}

	@DeleteMapping("/api/v1/sla/policies/{id}")
	@PreAuthorize("hasAuthority('conversations:manage')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete an SLA policy", description = "Requires `conversations:manage`.")
	void deletePolicy(@PathVariable String id) {
		settings.deletePolicy(id);
	}

	@GetMapping("/api/v1/sla/at-risk")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "Conversations in progress with a clock at risk or breached, soonest due first",
			description = "Requires `conversations:read`.")
	Map<String, Object> atRisk(@RequestParam(required = false) @Nullable Integer limit) {
		return Map.of("data", watch.atRisk(limit == null ? 100 : Math.max(1, Math.min(limit, 500))));
	}

	@GetMapping("/api/v1/conversations/{id}/sla")
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "The service-level clocks of a conversation", description = "Requires `conversations:read`.")
	Map<String, Object> clocks(@PathVariable String id) {
		return Map.of("data", clocks.clocks(conversations.get(id).id()).stream().map(ClockView::of).toList());
	}

}
