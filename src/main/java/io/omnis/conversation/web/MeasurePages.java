package io.omnis.conversation.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.quality.Measures;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.web.NavigationItem;

/**
 * The service-quality page: the measures for agents and for the assistant side by side,
 * and a Chart.js chart of conversations resolved per day.
 */
@Controller
@RequestMapping("/console/conversation-measures")
class MeasurePages {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Measures measures;

	private final Clock clock;

	MeasurePages(Measures measures, Clock clock) {
		this.measures = measures;
		this.clock = clock;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('conversations:read')")
	String page(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String channel,
			@RequestParam(required = false) @Nullable String team, Model model) {
		MeasureController.Window window = MeasureController.Window.of(from, to, clock);
		Measures.Report report = measures.measure(window.from(), window.to(), MeasureController.channel(channel),
				MeasureController.team(team));
		model.addAttribute("report", report);
		model.addAttribute("from", window.from().toString().substring(0, 10));
		// "To" is exclusive: a window ending during a day shows the next day, so that
		// showing the page again keeps that day in
		java.time.LocalDate last = window.to().atZone(java.time.ZoneOffset.UTC).toLocalDate();
		boolean midnight = window.to().equals(last.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
		model.addAttribute("to", (midnight ? last : last.plusDays(1)).toString());
		model.addAttribute("channel", channel == null ? "" : channel);
		model.addAttribute("team", team == null ? "" : team);
		model.addAttribute("channelTypes", ChannelType.values());
		model.addAttribute("chart", JSON.writeValueAsString(chart(report)));
		return "conversation/measures";
	}

	private static Map<String, Object> chart(Measures.Report report) {
		List<String> labels = report.daily().stream().map(day -> day.day().toString()).toList();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("labels", labels);
		data.put("datasets",
				List.of(Map.of("label", "Resolved by agents", "data",
						report.daily().stream().map(Measures.Day::resolvedByAgents).toList()),
						Map.of("label", "Resolved by the assistant alone", "data",
								report.daily().stream().map(Measures.Day::resolvedByAssistant).toList())));
		return Map.of("type", "bar", "data", data, "options", Map.of("maintainAspectRatio", false, "scales",
				Map.of("x", Map.of("stacked", true), "y", Map.of("stacked", true, "beginAtZero", true))));
	}

	@Bean
	static NavigationItem conversationMeasuresNavigation() {
		return new NavigationItem("Service quality", "/console/conversation-measures", 16,
				Permission.CONVERSATIONS_READ.authority());
	}

}
