package io.omnis.tracking.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import io.omnis.kernel.web.Page;
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

	/** Minutes of the per-minute chart. */
	private static final int HOUR = 60;

	/** Complete minutes the current rate is measured over. */
	static final int RATE_MINUTES = 5;

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

	private final Channels channels;

	private final CollectedEvents events;

	private final Clock clock;

	CollectionPages(Channels channels, CollectedEvents events, Clock clock) {
		this.channels = channels;
		this.events = events;
		this.clock = clock;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('tracking:read')")
	String sources(Model model) {
		Instant now = clock.instant();
		Map<String, long[]> today = events.ofDay(LocalDate.ofInstant(now, ZoneOffset.UTC));
		Map<String, long[]> recent = events.sinceMinute(rateFrom(now));
		List<Map<String, Object>> rows = new ArrayList<>();
		String cursor = null;
		do {
			Page<Channel> page = channels.page(cursor, 200, null, null);
			for (Channel channel : page.data()) {
				long[] counts = today.getOrDefault(channel.id().value(), new long[2]);
				long[] lately = recent.getOrDefault(channel.id().value(), new long[2]);
				rows.add(Map.of("channel", channel, "accepted", counts[0], "dropped", counts[1], "perSecond",
						perSecond(lately[0])));
			}
			cursor = page.nextCursor();
		}
		while (cursor != null);
		model.addAttribute("sources", rows);
		model.addAttribute("rateMinutes", RATE_MINUTES);
		return "tracking/sources";
	}

	/**
	 * The first of the complete minutes the current rate is measured over: the minute
	 * under way is still being counted.
	 */
	static Instant rateFrom(Instant now) {
		return now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(RATE_MINUTES));
	}

	/** Messages a second over the last complete minutes, to one decimal. */
	static String perSecond(long messages) {
		return String.format(Locale.ROOT, "%.1f", messages / (RATE_MINUTES * 60.0));
	}

	@GetMapping("/{channelId}")
	@PreAuthorize("hasAuthority('tracking:read')")
	String source(@PathVariable String channelId, Model model) {
		Channel channel = channels.get(channelId);
		Instant now = clock.instant();
		LocalDate since = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(DAYS - 1);
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
		Instant currentMinute = now.truncatedTo(ChronoUnit.MINUTES);
		Map<String, long[]> perMinute = new LinkedHashMap<>();
		for (int i = HOUR - 1; i >= 0; i--) {
			perMinute.put(MINUTE.format(currentMinute.minus(Duration.ofMinutes(i))), new long[2]);
		}
		long[] lastHour = new long[2];
		long lately = 0;
		Instant rateFrom = rateFrom(now);
		for (CollectedEvents.MinuteCount minute : events.perMinute(channel.id().value(),
				currentMinute.minus(Duration.ofMinutes(HOUR - 1)))) {
			long[] counts = perMinute.get(MINUTE.format(minute.minute()));
			if (counts != null) {
				counts[0] += minute.accepted();
				counts[1] += minute.dropped();
			}
			lastHour[0] += minute.accepted();
			lastHour[1] += minute.dropped();
			if (!minute.minute().isBefore(rateFrom) && minute.minute().isBefore(currentMinute)) {
				lately += minute.accepted();
			}
		}
		model.addAttribute("channel", channel);
		model.addAttribute("drops", drops.values());
		model.addAttribute("chart", chart(perDay, 5));
		model.addAttribute("minuteChart", chart(perMinute, 0));
		model.addAttribute("perSecond", perSecond(lately));
		model.addAttribute("rateMinutes", RATE_MINUTES);
		model.addAttribute("lastHourAccepted", lastHour[0]);
		model.addAttribute("lastHourDropped", lastHour[1]);
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
	private static String chart(Map<String, long[]> perPeriod, int labelFrom) {
		StringBuilder labels = new StringBuilder();
		StringBuilder accepted = new StringBuilder();
		StringBuilder dropped = new StringBuilder();
		perPeriod.forEach((period, counts) -> {
			String sep = labels.isEmpty() ? "" : ",";
			labels.append(sep).append('"').append(period.substring(labelFrom)).append('"');
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
