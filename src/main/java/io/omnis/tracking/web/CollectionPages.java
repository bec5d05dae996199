package io.omnis.tracking.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

import io.omnis.channel.Channel;
import io.omnis.channel.Channels;
import io.omnis.kernel.security.Permission;
import io.omnis.kernel.web.NavigationItem;
import io.omnis.tracking.CollectedEvents;
import io.omnis.tracking.DropReason;

/**
 * The console's collection pages: for each source, what was accepted and dropped (by
 * reason, with the last dropped message) per day, and its latest messages.
 */
@Controller
@RequestMapping("/console/collection")
class CollectionPages {

	private static final int DAYS = 14;

	private final Channels channels;

	private final CollectedEvents events;

	CollectionPages(Channels channels, CollectedEvents events) {
		this.channels = channels;
		this.events = events;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('tracking:read')")
	String sources(Model model) {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Channel channel : channels.page(null, 200, null, null).data()) {
			long accepted = 0;
			long dropped = 0;
			for (Map<String, Object> counter : events.counters(channel.id().value(), today)) {
				long count = ((Number) counter.get("count")).longValue();
				if ("accepted".equals(counter.get("outcome"))) {
					accepted += count;
				}
				else {
					dropped += count;
				}
			}
			rows.add(Map.of("channel", channel, "accepted", accepted, "dropped", dropped));
		}
		model.addAttribute("sources", rows);
		return "tracking/sources";
	}

	@GetMapping("/{channelId}")
	@PreAuthorize("hasAuthority('tracking:read')")
	String source(@PathVariable String channelId, Model model) {
		Channel channel = channels.get(channelId);
		LocalDate since = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS - 1);
		List<Map<String, Object>> counters = events.counters(channel.id().value(), since);
		Map<String, long[]> perDay = new TreeMap<>();
		for (int i = 0; i < DAYS; i++) {
			perDay.put(since.plusDays(i).toString(), new long[2]);
		}
		Map<String, Map<String, Object>> drops = new LinkedHashMap<>();
		for (Map<String, Object> counter : counters) {
			String outcome = (String) counter.get("outcome");
			long count = ((Number) counter.get("count")).longValue();
			long[] day = perDay.get(counter.get("day").toString());
			if (day != null) {
				day["accepted".equals(outcome) ? 0 : 1] += count;
			}
			if (!"accepted".equals(outcome)) {
				Map<String, Object> drop = drops
					.computeIfAbsent(outcome,
							o -> new LinkedHashMap<>(Map.of("reason", o, "description", description(o), "count", 0L,
									"lastAt", counter.get("last_at"), "sample",
									String.valueOf(counter.get("last_sample")))));
				drop.put("count", (Long) drop.get("count") + count);
			}
		}
		model.addAttribute("channel", channel);
		model.addAttribute("drops", drops.values());
		model.addAttribute("chart", chart(perDay));
		model.addAttribute("recent", events.recent(channel.id().value(), 20));
		return "tracking/source";
	}

	private static String description(String code) {
		for (DropReason reason : DropReason.values()) {
			if (reason.code().equals(code)) {
				return reason.description();
			}
		}
		return code;
	}

	/**
	 * A Chart.js configuration, rendered into a data attribute (the CSP allows no inline
	 * script).
	 */
	private static String chart(Map<String, long[]> perDay) {
		StringBuilder labels = new StringBuilder();
		StringBuilder accepted = new StringBuilder();
		StringBuilder dropped = new StringBuilder();
		perDay.forEach((day, counts) -> {
			String sep = labels.isEmpty() ? "" : ",";
			labels.append(sep).append('"').append(day.substring(5)).append('"');
			accepted.append(sep).append(counts[0]);
			dropped.append(sep).append(counts[1]);
		});
		return """
				{"type":"bar","data":{"labels":[%s],"datasets":[{"label":"Accepted","data":[%s],"backgroundColor":"#2f5bea"},\
				{"label":"Dropped","data":[%s],"backgroundColor":"#b42318"}]},"options":{"responsive":true,\
				"maintainAspectRatio":false,"scales":{"x":{"stacked":true},"y":{"stacked":true,"beginAtZero":true}}}}"""
			.formatted(labels, accepted, dropped);
	}

	@Bean
	static NavigationItem collectionNavigation() {
		return new NavigationItem("Collection", "/console/collection", 30, Permission.TRACKING_READ.authority());
	}

}
