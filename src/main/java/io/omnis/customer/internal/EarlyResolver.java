package io.omnis.customer.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.customer.Identifier;
import io.omnis.tracking.CollectedEvent;
import io.omnis.tracking.EarlyResolution;

/**
 * Resolution at acceptance (ADR 0034, 0035). A message that only adds to a profile this
 * node already knows (a track, page, screen or group whose every identifier the
 * {@link OwnerCache} names one profile for, with no blocked value, and whose consent
 * statements, if any, are the profile's choices already) is linked to it in the request's
 * transaction. The profile row is not written: its facts (counts, channels, first and
 * last seen) are derived from its events. One statement per request takes a share lock on
 * the rows and links only where the profile is still live, at the graph version the cache
 * knew, and its roll-up of facts ends before the message's event time. Any other message
 * goes through the resolution queue.
 * <p>
 * The row lock is what keeps this consistent with the rest of resolution: a batch that
 * merges the profile, a split, an erasure and a roll-up lock the same row for update, so
 * they either see the linked message (and move, delete or roll it up with the profile's
 * others) or change the row first, and the check fails. The result is the profile the
 * queue would have given.
 */
@Component
class EarlyResolver implements EarlyResolution {

	/** The types whose resolution only adds to the profile: no traits, no alias. */
	private static final Set<String> ADDING = Set.of("track", "page", "screen", "group");

	private final OwnerCache cache;

	private final IdentifierExtractor extractor;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final boolean enabled;

	private final Counter linked;

	EarlyResolver(OwnerCache cache, IdentifierExtractor extractor, JdbcClient jdbc, JsonMapper json,
			MeterRegistry meters, @Value("${omnis.identity.early-resolution.enabled:true}") boolean enabled) {
		this.linked = ResolutionMeters.linked(meters, "acceptance");
		this.cache = cache;
		this.extractor = extractor;
		this.jdbc = jdbc;
		this.json = json;
		this.enabled = enabled;
	}

	@Override
	public Plan plan(String channelId, List<CollectedEvent> messages) {
		if (!enabled) {
			return Plan.NONE;
		}
		List<Planned> planned = new ArrayList<>();
		// One version per profile: the cache may know two, when it learnt of a split
		// while it still held an older entry; such a message waits for the queue
		Map<String, Integer> versions = new HashMap<>();
		// The consent each profile's messages state: one choice per purpose in a request
		Map<String, Map<String, Boolean>> consent = new HashMap<>();
		for (CollectedEvent message : messages) {
			if (message.consentOnly() || !ADDING.contains(message.type())) {
				continue;
			}
			IdentifierExtractor.Extracted extracted = extractor.extract(message);
			if (!extracted.blocked().isEmpty() || extracted.identifiers().isEmpty()) {
				continue;
			}
			List<String> identifiers = new ArrayList<>(extracted.identifiers().size());
			OwnerCache.Owner owner = null;
			for (Identifier identifier : extracted.identifiers()) {
				String text = identifier.toString();
				OwnerCache.Owner known = cache.owner(text);
				if (known == null || (owner != null && !owner.equals(known))) {
					owner = null;
					break;
				}
				owner = known;
				identifiers.add(text);
			}
			OwnerCache.Owner found = owner;
			if (found != null && versions.computeIfAbsent(found.profileId(), id -> found.version()) == found.version()
					&& statesTheSame(consent.computeIfAbsent(found.profileId(), id -> new HashMap<>()),
							Consents.statements(message.payload()))) {
				planned.add(new Planned(message, found, identifiers));
			}
		}
		return planned.isEmpty() ? Plan.NONE : new Linking(planned, consent);
	}

	/**
	 * Whether a message's consent statements agree with those of the same profile's
	 * earlier messages in the request; if so they join them. A message that states
	 * another choice for a purpose waits for the queue, which applies choices in order.
	 */
	private static boolean statesTheSame(Map<String, Boolean> stated, List<Map.Entry<String, Boolean>> statements) {
		for (Map.Entry<String, Boolean> statement : statements) {
			Boolean before = stated.get(statement.getKey());
			if (before != null && before != statement.getValue()) {
				return false;
			}
		}
		statements.forEach(statement -> stated.put(statement.getKey(), statement.getValue()));
		return true;
	}

	/** A message the cache named a profile for. */
	private record Planned(CollectedEvent message, OwnerCache.Owner owner, List<String> identifiers) {
	}

	private final class Linking implements Plan {

		private final List<Planned> planned;

		private final Map<String, Map<String, Boolean>> consent;

		Linking(List<Planned> planned, Map<String, Map<String, Boolean>> consent) {
			this.planned = planned;
			this.consent = consent;
		}

		@Override
		public boolean isEmpty() {
			return false;
		}

		@Override
		public Map<String, Link> confirm(Map<String, Long> stored) {
			// The earliest event time of each profile's messages
			Map<OwnerCache.Owner, Instant> earliest = new LinkedHashMap<>();
			for (Planned one : planned) {
				if (stored.containsKey(one.message().messageId())) {
					earliest.merge(one.owner(), one.message().occurredAt(), (a, b) -> a.isBefore(b) ? a : b);
				}
			}
			if (earliest.isEmpty()) {
				return Map.of();
			}
			Set<String> added = lock(earliest, consent);
			Map<String, Link> links = new HashMap<>();
			Set<String> stale = new HashSet<>();
			for (Planned one : planned) {
				if (!stored.containsKey(one.message().messageId())) {
					continue;
				}
				if (added.contains(one.owner().profileId())) {
					links.put(one.message().messageId(), new Link(one.owner().profileId(), one.identifiers()));
				}
				else {
					stale.addAll(one.identifiers());
				}
			}
			cache.forget(stale);
			ResolutionMeters.countAfterCommit(linked, links.size());
			return links;
		}

	}

	/**
	 * Takes a share lock on each profile that is live, at the version planned, holds the
	 * consent its messages state, and whose roll-up of facts ends before its messages'
	 * earliest event time.
	 * @return the profiles locked
	 */
	private Set<String> lock(Map<OwnerCache.Owner, Instant> earliest, Map<String, Map<String, Boolean>> consent) {
		int n = earliest.size();
		String[] ids = new String[n];
		Integer[] versions = new Integer[n];
		Timestamp[] times = new Timestamp[n];
		String[] stated = new String[n];
		int i = 0;
		for (Map.Entry<OwnerCache.Owner, Instant> entry : earliest.entrySet()) {
			ids[i] = entry.getKey().profileId();
			versions[i] = entry.getKey().version();
			times[i] = Timestamp.from(entry.getValue());
			// As {"<purpose>": {"granted": …}}: what the profile's consent must already
			// hold
			Map<String, Map<String, Boolean>> expected = new LinkedHashMap<>();
			consent.getOrDefault(ids[i], Map.of())
				.forEach((purpose, granted) -> expected.put(purpose, Map.of("granted", granted)));
			stated[i] = json.writeValueAsString(expected);
			i++;
		}
		return new HashSet<>(jdbc.sql(LOCK)
			.param("ids", ids)
			.param("versions", versions)
			.param("earliest", times)
			.param("consent", stated)
			.query(String.class)
			.list());
	}

	/**
	 * The profiles a request's messages can be linked to: live, at the graph version the
	 * cache knew, holding already every consent choice the messages state (a change of
	 * consent is the queue's to record, in order), and whose roll-up of facts ends before
	 * the messages' event times (an earlier one is the queue's to add to the roll-up,
	 * under the row lock). The share lock keeps merges, splits, erasure and roll-ups,
	 * which lock the row for update, out until the request commits.
	 * <p>
	 * A profile whose row another transaction holds for update (a resolution batch, a
	 * split, a roll-up) is skipped rather than waited for: a request never queues behind
	 * a busy profile or deadlocks with a batch, and that profile's messages go through
	 * the queue, whose batches take a busy profile's messages together.
	 */
	private static final String LOCK = """
			select p.id
			  from profile p
			  join unnest(:ids::text[], :versions::int[], :earliest::timestamptz[], :consent::text[])
			       as d(id, version, earliest, consent) on p.id = d.id
			 where p.merged_into is null and p.graph_version = d.version and p.consent @> d.consent::jsonb
			   and (p.facts_until is null or p.facts_until < d.earliest)
			 order by p.id
			   for share of p skip locked""";

}
