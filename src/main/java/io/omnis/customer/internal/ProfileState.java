package io.omnis.customer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.omnis.customer.Identifier;
import io.omnis.kernel.IsoTimestamp;
import io.omnis.tracking.CollectedEvent;

/**
 * A profile while a resolution batch works on it: loaded once, changed in memory, written
 * once.
 */
final class ProfileState {

	static final int MAX_TRAITS = 500;

	static final int MAX_COUNTERS = 500;

	/** Reserved traits sent in snake_case are kept in the spec's camelCase. */
	private static final Map<String, String> RESERVED_SNAKE = Map.of("first_name", "firstName", "last_name", "lastName",
			"created_at", "createdAt", "avatar_url", "avatar");

	final String id;

	final boolean isNew;

	final Instant createdAt;

	@Nullable Instant firstSeen;

	@Nullable Instant lastSeen;

	ObjectNode traits;

	ObjectNode traitSources;

	ObjectNode eventCounts;

	ObjectNode consent;

	int mergeCount;

	final Set<String> flags;

	@Nullable String mergedInto;

	/**
	 * Increased whenever an identifier leaves this profile while it lives (a split): the
	 * owner cache's entries for it are then stale (ADR 0034).
	 */
	int graphVersion;

	/** Identifiers with the instant each was first seen, for limits with a window. */
	final Map<Identifier, Instant> identifiers;

	/**
	 * The channels the profile was seen in: channel → first and last seen, events (kept
	 * in the profile row's {@code channels}).
	 */
	final Map<String, ChannelUse> channelUse = new HashMap<>();

	boolean dirty;

	/**
	 * Whether {@link #traits} and {@link #traitSources} are those stored in the profile
	 * row (loaded, not changed since): saving the profile then keeps the stored ones
	 * instead of writing them again (most events are tracks that change no trait).
	 */
	boolean traitsStored;

	ProfileState(String id, boolean isNew, Instant createdAt, @Nullable Instant firstSeen, @Nullable Instant lastSeen,
			ObjectNode traits, ObjectNode traitSources, ObjectNode eventCounts, ObjectNode consent, int mergeCount,
			Set<String> flags, Map<Identifier, Instant> identifiers) {
		this.id = id;
		this.isNew = isNew;
		this.createdAt = createdAt;
		this.firstSeen = firstSeen;
		this.lastSeen = lastSeen;
		this.traits = traits;
		this.traitSources = traitSources;
		this.eventCounts = eventCounts;
		this.consent = consent;
		this.mergeCount = mergeCount;
		this.flags = new LinkedHashSet<>(flags);
		this.identifiers = identifiers;
	}

	static ProfileState fresh(String id, Instant now) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		return new ProfileState(id, true, now, null, null, nodes.objectNode(), nodes.objectNode(), nodes.objectNode(),
				nodes.objectNode(), 0, Set.of(), new HashMap<>());
	}

	/**
	 * Takes in a profile found to be the same person: its identifiers, traits (the later
	 * value of each wins), counts, first and last seen, channels, flags and, purpose by
	 * purpose, the more restrictive consent. The other profile is left empty and marked
	 * as merged into this one.
	 * @return the consent purposes whose state changed here
	 */
	List<String> absorb(ProfileState other, Instant at) {
		traitsStored = false;
		identifiers.putAll(other.identifiers);
		other.identifiers.clear();
		for (String name : other.traits.propertyNames()) {
			JsonNode source = other.traitSources.path(name);
			trait(name, other.traits.get(name), Instant.parse(source.path("at").asString("1970-01-01T00:00:00Z")),
					source.path("channel").asString(""), source.path("message").asString(""));
		}
		for (String key : other.eventCounts.propertyNames()) {
			if (eventCounts.has(key) || eventCounts.size() < MAX_COUNTERS) {
				eventCounts.put(key, eventCounts.path(key).asLong(0) + other.eventCounts.get(key).asLong());
			}
		}
		if (other.firstSeen != null && (firstSeen == null || other.firstSeen.isBefore(firstSeen))) {
			firstSeen = other.firstSeen;
		}
		if (other.lastSeen != null && (lastSeen == null || other.lastSeen.isAfter(lastSeen))) {
			lastSeen = other.lastSeen;
		}
		other.channelUse
			.forEach((channel, use) -> channelUse.computeIfAbsent(channel, c -> new ChannelUse(use.first)).absorb(use));
		other.channelUse.clear();
		mergeCount += other.mergeCount + 1;
		flags.addAll(other.flags);
		other.mergedInto = id;
		other.dirty = true;
		dirty = true;
		return Consents.mostRestrictive(consent, other.consent, at);
	}

	/**
	 * Folds an event into the profile: when and where she was seen, what she did, and
	 * (for identify) her traits, last write by event time.
	 */
	void record(CollectedEvent event) {
		seen(event.occurredAt(), event.channelId(), !event.consentOnly());
		if (event.consentOnly()) {
			return;
		}
		count(event.event() == null ? event.type() : "track:" + event.event());
		if ("identify".equals(event.type())) {
			for (JsonNode source : List.of(event.payload().path("context").path("traits"),
					event.payload().path("traits"))) {
				for (String name : source.propertyNames()) {
					trait(RESERVED_SNAKE.getOrDefault(name, name), source.get(name), event.occurredAt(),
							event.channelId(), event.messageId());
				}
			}
		}
	}

	/**
	 * Records activity at a time in a channel; {@code event} says whether it counts as an
	 * event (a consent-only message does not).
	 */
	void seen(Instant at, String channelId, boolean event) {
		firstSeen = firstSeen == null || at.isBefore(firstSeen) ? at : firstSeen;
		lastSeen = lastSeen == null || at.isAfter(lastSeen) ? at : lastSeen;
		channelUse.computeIfAbsent(channelId, c -> new ChannelUse(at)).add(at, event ? 1 : 0);
		dirty = true;
	}

	void count(String key) {
		if (eventCounts.has(key) || eventCounts.size() < MAX_COUNTERS) {
			eventCounts.put(key, eventCounts.path(key).asLong(0) + 1);
			dirty = true;
		}
	}

	/**
	 * Sets a trait unless a value from a later event is already there (last write by
	 * event time).
	 */
	void trait(String name, JsonNode value, Instant at, String channelId, String messageId) {
		JsonNode source = traitSources.get(name);
		Instant known = source == null ? null : Instant.parse(source.path("at").asString("1970-01-01T00:00:00Z"));
		if (known != null && known.isAfter(at)) {
			return;
		}
		if (!traits.has(name) && traits.size() >= MAX_TRAITS) {
			flags.add("trait-cap");
			return;
		}
		traits.set(name, value);
		traitsStored = false;
		ObjectNode meta = traitSources.putObject(name);
		meta.put("at", at.toString());
		meta.put("channel", channelId);
		meta.put("message", messageId);
		dirty = true;
	}

	@Nullable String searchName() {
		String name = traits.path("name").isString() ? traits.get("name").stringValue()
				: (traits.path("firstName").asString("") + " " + traits.path("lastName").asString("")).strip();
		return name == null || name.isBlank() ? null : name.toLowerCase(java.util.Locale.ROOT);
	}

	List<Identifier> identifierList() {
		return new ArrayList<>(identifiers.keySet());
	}

	/**
	 * A profile's use of one channel.
	 */
	static final class ChannelUse {

		/** Adds the channel use stored as {@code {"<channel>": {firstSeenAt, …}}}. */
		static void read(JsonNode stored, Map<String, ChannelUse> into) {
			for (Map.Entry<String, JsonNode> entry : stored.properties()) {
				JsonNode use = entry.getValue();
				ChannelUse read = new ChannelUse(instant(use.path("firstSeenAt")));
				read.add(instant(use.path("lastSeenAt")), use.path("events").asLong(0));
				into.put(entry.getKey(), read);
			}
		}

		/** The channel use as stored in the profile row. */
		static ObjectNode write(Map<String, ChannelUse> uses, JsonMapper json) {
			ObjectNode stored = json.createObjectNode();
			uses.forEach((channel, use) -> stored.putObject(channel)
				.put("firstSeenAt", use.first.toString())
				.put("lastSeenAt", use.last.toString())
				.put("events", use.events));
			return stored;
		}

		/** An instant as written by Java ({@code Z}) or by PostgreSQL (an offset). */
		static Instant instant(JsonNode text) {
			return IsoTimestamp.read(text.asString());
		}

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

		void absorb(ChannelUse other) {
			add(other.first, 0);
			add(other.last, other.events);
		}

	}

}
