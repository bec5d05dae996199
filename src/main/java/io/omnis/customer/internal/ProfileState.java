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
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.omnis.customer.Identifier;
import io.omnis.tracking.CollectedEvent;

/**
 * A profile while a resolution batch works on it: loaded once, changed in memory, written
 * once.
 */
final class ProfileState {

	static final int MAX_TRAITS = 500;

	/** Reserved traits sent in snake_case are kept in the spec's camelCase. */
	private static final Map<String, String> RESERVED_SNAKE = Map.of("first_name", "firstName", "last_name", "lastName",
			"created_at", "createdAt", "avatar_url", "avatar");

	final String id;

	final boolean isNew;

	final Instant createdAt;

	/**
	 * The roll-up of the profile's facts kept in its row: what its events with an event
	 * time up to {@link #factsUntil} add up to (ADR 0035).
	 */
	final ProfileFacts facts;

	/**
	 * The event time the roll-up covers the profile's events up to; null when it covers
	 * none (a read then derives every fact from the events).
	 */
	@Nullable Instant factsUntil;

	ObjectNode traits;

	ObjectNode traitSources;

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

	boolean dirty;

	/**
	 * Whether {@link #traits} and {@link #traitSources} are those stored in the profile
	 * row (loaded, not changed since): saving the profile then keeps the stored ones
	 * instead of writing them again (most events are tracks that change no trait).
	 */
	boolean traitsStored;

	ProfileState(String id, boolean isNew, Instant createdAt, ProfileFacts facts, @Nullable Instant factsUntil,
			ObjectNode traits, ObjectNode traitSources, ObjectNode consent, int mergeCount, Set<String> flags,
			Map<Identifier, Instant> identifiers) {
		this.id = id;
		this.isNew = isNew;
		this.createdAt = createdAt;
		this.facts = facts;
		this.factsUntil = factsUntil;
		this.traits = traits;
		this.traitSources = traitSources;
		this.consent = consent;
		this.mergeCount = mergeCount;
		this.flags = new LinkedHashSet<>(flags);
		this.identifiers = identifiers;
	}

	static ProfileState fresh(String id, Instant now) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		return new ProfileState(id, true, now, ProfileFacts.none(), null, nodes.objectNode(), nodes.objectNode(),
				nodes.objectNode(), 0, Set.of(), new HashMap<>());
	}

	/**
	 * Takes in a profile found to be the same person: its identifiers, traits (the later
	 * value of each wins), flags and, purpose by purpose, the more restrictive consent.
	 * The other profile is left empty and marked as merged into this one. Its events move
	 * to this one, and the two roll-ups of their facts, which may cover different event
	 * times, are dropped: this profile's facts are derived from all its events until it
	 * is rolled up again (ADR 0035).
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
		facts.clear();
		factsUntil = null;
		other.facts.clear();
		other.factsUntil = null;
		mergeCount += other.mergeCount + 1;
		flags.addAll(other.flags);
		other.mergedInto = id;
		other.dirty = true;
		dirty = true;
		return Consents.mostRestrictive(consent, other.consent, at);
	}

	/**
	 * Takes in an event linked to the profile: its traits (for identify), last write by
	 * event time, and, when its event time is one the roll-up covers, its facts (later
	 * ones are derived from the events when read).
	 */
	void record(CollectedEvent event) {
		if (factsUntil != null && !event.occurredAt().isAfter(factsUntil)) {
			facts.add(event);
			dirty = true;
		}
		if (event.consentOnly()) {
			return;
		}
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

}
