package io.omnis.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.customer.ProfileHistory.TimelineEntry;
import io.omnis.customer.internal.ConsentRecorder;
import io.omnis.customer.internal.IdentifierExtractor;
import io.omnis.customer.internal.IdentityResolver;
import io.omnis.customer.internal.ProfileEraser;
import io.omnis.customer.internal.ProfileReads;
import io.omnis.customer.internal.ProfileSplitter;
import io.omnis.customer.internal.TimelineEntries;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.problem.ProblemException;
import io.omnis.kernel.web.Cursor;
import io.omnis.kernel.web.Page;
import io.omnis.tracking.CollectedEvent;
import io.omnis.tracking.CollectedEvents;

/**
 * The customer 360 as other modules and the API ask for it: a profile by id or by any of
 * its identifiers, a search for agents, the cross-channel timeline, consent, and the
 * history of merges with the way to undo one.
 */
@Service
public class Profiles {

	private final ProfileReads reads;

	private final CollectedEvents events;

	private final ProfileSplitter splitter;

	private final ConsentRecorder consent;

	private final TimelineEntries entries;

	private final IdentityResolver resolver;

	private final IdentifierExtractor extractor;

	private final ProfileEraser eraser;

	Profiles(ProfileReads reads, CollectedEvents events, ProfileSplitter splitter, ConsentRecorder consent,
			TimelineEntries entries, IdentityResolver resolver, IdentifierExtractor extractor, ProfileEraser eraser) {
		this.eraser = eraser;
		this.reads = reads;
		this.extractor = extractor;
		this.resolver = resolver;
		this.events = events;
		this.splitter = splitter;
		this.consent = consent;
		this.entries = entries;
	}

	/**
	 * The profile with this id, following merges: an id of a merged profile finds the
	 * survivor.
	 */
	public Optional<Profile> find(String id) {
		return id.length() > 40 ? Optional.empty() : reads.find(id);
	}

	public Profile get(String id) {
		return find(id).orElseThrow(() -> new NotFoundException("profile", id));
	}

	/** The profile holding an identifier such as {@code email:ana@example.com}. */
	public Optional<Profile> lookup(Identifier identifier) {
		return reads.findByIdentifier(identifier);
	}

	/**
	 * The profile of a message just recorded through event collection, resolving it now
	 * if identity resolution has not reached it yet: the sender of a chat message or an
	 * e-mail is attached under the same rules as every other event.
	 */
	public Optional<Profile> resolveNow(String channelId, String messageId) {
		return resolver.resolveNow(channelId, messageId).flatMap(reads::find);
	}

	/**
	 * The profile a message carrying exactly these identifiers goes to, when that is
	 * already certain without resolving it: one live profile holds every one of them and
	 * none is blocked, so resolution has nothing to add, merge or decide and will attach
	 * the message to that profile whenever it runs. One statement, for a sender who wrote
	 * before (an SMS from a known number).
	 * @param identifiers normalised ({@link Identifier#normalised}), as the message's
	 * would be extracted
	 * @return the profile's id; empty when resolution could decide otherwise (an
	 * identifier new or blocked, identifiers held by several profiles)
	 */
	public Optional<String> certainHolderOf(java.util.Collection<Identifier> identifiers) {
		if (identifiers.stream().anyMatch(identifier -> extractor.isBlocked(identifier.value()))) {
			return Optional.empty();
		}
		return reads.holderOfAll(Set.copyOf(identifiers));
	}

	public List<Profile> search(String query, int limit) {
		if (query.isBlank()) {
			return List.of();
		}
		if (query.length() > 200) {
			throw ProblemException.invalidField("q", "must be at most 200 characters");
		}
		return reads.search(query, limit).stream().map(reads::find).flatMap(Optional::stream).distinct().toList();
	}

	/**
	 * The customers whose events were resolved last, most recent first: what an agent
	 * sees before searching.
	 */
	public List<Profile> recentlyActive(int limit) {
		return events.recentProfiles(limit).stream().map(reads::find).flatMap(Optional::stream).distinct().toList();
	}

	public List<Profile> flagged(int limit) {
		return reads.flagged(limit);
	}

	/**
	 * Everything the customer did in every channel, newest first: her collected events
	 * and the activities other modules published (orders, conversations), merged in one
	 * order.
	 */
	public Page<TimelineEntry> timeline(String id, @Nullable String cursor, @Nullable Integer limit,
			@Nullable String channelId, @Nullable String type) {
		Profile profile = get(id);
		int size = Cursor.limit(limit);
		TimelinePosition after = TimelinePosition.parse(Cursor.decode(cursor));
		List<TimelineEntry> merged = new ArrayList<>();
		events.timeline(List.of(profile.id()), after.at(), after.eventsBefore(), size + 1, channelId, type)
			.forEach(event -> merged.add(entry(event)));
		entries
			.page(profile.id(), identifiers(profile), after.at(), after.activitiesBefore(), size + 1, channelId, type)
			.forEach(activity -> merged.add(entry(activity)));
		merged.sort(TimelinePosition.NEWEST_FIRST);
		return Page.of(merged.subList(0, Math.min(merged.size(), size + 1)), size, TimelinePosition::of);
	}

	/**
	 * The types the timeline can be filtered by for this profile: the message types of
	 * its events, then the kinds of the other modules' activities it has, each once.
	 */
	public List<String> timelineTypes(Profile profile) {
		Set<String> types = new LinkedHashSet<>();
		profile.eventCounts().propertyNames().forEach(key -> types.add(key.split(":", 2)[0]));
		types.addAll(entries.kinds(profile.id(), identifiers(profile)));
		return List.copyOf(types);
	}

	/** A profile's identifiers as "type:value". */
	private static List<String> identifiers(Profile profile) {
		return profile.identifiers().stream().map(known -> known.type() + ":" + known.value()).toList();
	}

	public List<ProfileHistory.ConsentStatement> consentLedger(String id, int limit) {
		return reads.consentLedger(get(id).id(), limit);
	}

	public List<ProfileHistory.MergeRecord> merges(String id, int limit) {
		return reads.merges(get(id).id(), limit);
	}

	public List<ProfileHistory.Decision> decisions(String id, int limit) {
		return reads.decisions(get(id).id(), limit);
	}

	/**
	 * Records a consent statement made outside an event (by an agent on the phone, a
	 * preference centre).
	 */
	@Transactional
	public Profile recordConsent(String id, String purpose, boolean granted, @Nullable String channelId) {
		consent.record(get(id).id(), purpose, granted, channelId);
		return get(id);
	}

	/**
	 * Undoes a merge: the identifier leaves the profile with what came with it.
	 * @return the profile split off
	 */
	@Transactional
	public Profile removeIdentifier(String id, Identifier identifier) {
		return get(splitter.split(get(id).id(), identifier));
	}

	/**
	 * Erases the customer at her request: her profile, the profiles merged into it and
	 * what every module holds of her (see {@link ProfileEraser}).
	 * @param suppress whether her identifiers are suppressed: messages naming them are
	 * then dropped instead of making her a new profile
	 */
	public Erasure erase(String id, boolean suppress) {
		return eraser.erase(id, suppress);
	}

	/** The suppression of an identifier, if an erasure suppressed it. */
	public Optional<Suppression> suppression(Identifier identifier) {
		return eraser.suppression(identifier);
	}

	/**
	 * Lifts the suppression of an identifier (she came back and agreed to be known
	 * again): messages naming it are collected from now on. Messages dropped meanwhile
	 * stay dropped.
	 * @throws NotFoundException when it is not suppressed
	 */
	public void liftSuppression(Identifier identifier) {
		if (eraser.lift(List.of(identifier), "asked through the API or console") == 0) {
			throw Suppression.none(identifier);
		}
	}

	/**
	 * Lifts the suppression of those of these identifiers that are suppressed, because
	 * she came back in a way that needs her known (she wrote to support).
	 * @return how many were suppressed
	 */
	public int liftSuppressions(java.util.Collection<Identifier> identifiers, String why) {
		return eraser.lift(identifiers, why);
	}

	private static TimelineEntry entry(CollectedEvent event) {
		var payload = event.payload();
		var details = payload.has("properties") ? payload.get("properties")
				: payload.has("traits") ? payload.get("traits") : payload.path("name");
		String name = event.event() != null ? event.event()
				: payload.path("name").isString() ? payload.get("name").stringValue() : null;
		return new TimelineEntry(TimelinePosition.EVENT, event.seq(), event.type(), name, event.channelId(),
				event.occurredAt(), event.messageId(), null, details);
	}

	private static TimelineEntry entry(TimelineEntries.Entry activity) {
		return new TimelineEntry(TimelinePosition.ACTIVITY, activity.id(), activity.kind(), activity.summary(),
				activity.channelId(), activity.occurredAt(), null, activity.reference(),
				JsonNodeFactory.instance.nullNode());
	}

}
