package io.omnis.conversation.web;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.quality.Measures;
import io.omnis.kernel.problem.FieldError;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.problem.ProblemType;

/**
 * {@code /api/v1/conversation-measures}: first response and resolution times,
 * first-contact resolution, reopen rate and CSAT, for agents and apart for the assistant.
 */
@RestController
@Tag(name = "Conversation measures", description = "Service quality with documented definitions (README)")
class MeasureController {

	private final Measures measures;

	private final Clock clock;

	MeasureController(Measures measures, Clock clock) {
		this.measures = measures;
		this.clock = clock;
	}

	@GetMapping(path = { "/api/v1/conversation-measures", "/api/conversation-measures" },
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasAuthority('conversations:read')")
	@Operation(summary = "Service-quality measures over a window",
			description = "Requires `conversations:read`. `from` and `to` are ISO instants or dates (UTC days, "
					+ "`to` exclusive; default the last 30 days, at most 366 days); `channel` a channel type; "
					+ "`team` a team. Conversations handled by the assistant alone are in `assistantOnly`, "
					+ "never in `agents`.")
	Measures.Report measure(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String team) {
		Window window = Window.of(from, to, clock);
		return measures.measure(window.from(), window.to(), channel(channel), team(team));
	}

	/** A checked window of time. */
	record Window(Instant from, Instant to) {

		static Window of(@Nullable String from, @Nullable String to, Clock clock) {
			Instant end = to == null || to.isBlank() ? clock.instant() : instant(to, "to");
			Instant start = from == null || from.isBlank() ? end.minus(Duration.ofDays(30)) : instant(from, "from");
			if (!start.isBefore(end)) {
				throw invalid("from", "must be before 'to'");
			}
			if (Duration.between(start, end).compareTo(Duration.ofDays(366)) > 0) {
				throw invalid("to", "must be at most 366 days after 'from'");
			}
			return new Window(start, end);
		}

	}

	static @Nullable ChannelType channel(@Nullable String channel) {
		if (channel == null || channel.isBlank()) {
			return null;
		}
		try {
			return ChannelType.valueOf(channel.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw invalid("channel", "must be a channel type such as CHAT or EMAIL");
		}
	}

	static @Nullable String team(@Nullable String team) {
		if (team == null || team.isBlank()) {
			return null;
		}
		if (team.length() > 60) {
			throw invalid("team", "must be at most 60 characters");
		}
		return team.strip();
	}

	private static Instant instant(String value, String name) {
		try {
			return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
					: Instant.parse(value);
		}
		catch (DateTimeException ex) {
			throw invalid(name, "must be an ISO instant (2026-11-22T10:00:00Z) or date (2026-11-22)");
		}
	}

	private static ProblemException invalid(String name, String message) {
		return new ProblemException(ProblemType.INVALID_PARAMETER, "Parameter '" + name + "' " + message,
				List.of(new FieldError(name, message)));
	}

}
