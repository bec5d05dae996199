package io.omnis.customer.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.omnis.customer.Profile;
import io.omnis.kernel.IsoTimestamp;
import io.omnis.tracking.CollectedEvent;
import io.omnis.tracking.CollectedEvents;

/**
 * What a profile's events add up to: first and last seen, a count per event type (at most
 * {@link #MAX_COUNTERS} types, the first ones seen), and per channel the first and last
 * seen and the events.
 * <p>
 * These facts are derived from the events (ADR 0035). The profile row keeps a roll-up of
 * them, which covers exactly the profile's events with an event time up to the row's
 * {@code facts_until} (none when it is null); a read adds the events after it. Whoever
 * links an event at or before {@code facts_until} holds the row lock and adds it to the
 * roll-up; resolution at acceptance only links events after it.
 */
final class ProfileFacts {

	static final int MAX_COUNTERS = 500;

	@Nullable Instant firstSeen;

	@Nullable Instant lastSeen;

	ObjectNode eventCounts;

	/** Channel → first and last seen, events. */
	final Map<String, ChannelUse> channels = new HashMap<>();

	ProfileFacts(@Nullable Instant firstSeen, @Nullable Instant lastSeen, ObjectNode eventCounts) {
		this.firstSeen = firstSeen;
		this.lastSeen = lastSeen;
		this.eventCounts = eventCounts;
	}

	static ProfileFacts none() {
		return new ProfileFacts(null, null, JsonNodeFactory.instance.objectNode());
	}

	/** The key an event is counted under: its type, or a track's event name. */
	static String key(String type, @Nullable String event) {
		return event == null ? type : "track:" + event;
	}

	/** Adds one event (a consent-only message is seen, not counted). */
	void add(CollectedEvent event) {
		seen(event.occurredAt(), event.occurredAt(), event.channelId(), event.consentOnly() ? 0 : 1);
		if (!event.consentOnly()) {
			count(key(event.type(), event.event()), 1);
		}
	}

	/** Adds groups of events, in the order each group first occurred. */
	void add(List<CollectedEvents.Activity> activity) {
		for (CollectedEvents.Activity group : activity) {
			seen(group.first(), group.last(), group.channelId(), group.consentOnly() ? 0 : group.events());
			if (!group.consentOnly()) {
				count(key(group.type(), group.event()), group.events());
			}
		}
	}

	private void seen(Instant first, Instant last, String channelId, long events) {
		firstSeen = firstSeen == null || first.isBefore(firstSeen) ? first : firstSeen;
		lastSeen = lastSeen == null || last.isAfter(lastSeen) ? last : lastSeen;
		ChannelUse use = channels.computeIfAbsent(channelId, c -> new ChannelUse(first));
		use.add(first, 0);
		use.add(last, events);
	}

	private void count(String key, long events) {
		if (eventCounts.has(key) || eventCounts.size() < MAX_COUNTERS) {
			eventCounts.put(key, eventCounts.path(key).asLong(0) + events);
		}
	}

	void clear() {
		firstSeen = null;
		lastSeen = null;
		eventCounts = JsonNodeFactory.instance.objectNode();
		channels.clear();
	}

	/** The channel use, the most recently used first. */
	List<Profile.ChannelUse> channelUse() {
		return channels.entrySet()
			.stream()
			.map(use -> new Profile.ChannelUse(use.getKey(), use.getValue().first, use.getValue().last,
					use.getValue().events))
			.sorted(Comparator.comparing(Profile.ChannelUse::lastSeenAt)
				.reversed()
				.thenComparing(Profile.ChannelUse::channelId))
			.toList();
	}

	/** Adds the channel use stored as {@code {"<channel>": {firstSeenAt, …}}}. */
	void readChannels(JsonNode stored) {
		for (Map.Entry<String, JsonNode> entry : stored.properties()) {
			JsonNode use = entry.getValue();
			ChannelUse read = new ChannelUse(IsoTimestamp.read(use.path("firstSeenAt").asString()));
			read.add(IsoTimestamp.read(use.path("lastSeenAt").asString()), use.path("events").asLong(0));
			channels.put(entry.getKey(), read);
		}
	}

	/** The channel use as stored in the profile row. */
	ObjectNode writeChannels(JsonMapper json) {
		ObjectNode stored = json.createObjectNode();
		channels.forEach((channel, use) -> stored.putObject(channel)
			.put("firstSeenAt", use.first.toString())
			.put("lastSeenAt", use.last.toString())
			.put("events", use.events));
		return stored;
	}

	/** A profile's use of one channel. */
	static final class ChannelUse {

		Instant first;

		Instant last;

		long events;

		ChannelUse(Instant at) {
			this.first = at;
			this.last = at;
		}

		void add(Instant at, long count) {
			first = at.isBefore(first) ? at : first;
			last = at.isAfter(last) ? at : last;
			events += count;
		}

	}

}
