package io.omnis.customer.internal;

import java.sql.Timestamp;
import java.time.Clock;
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
 * Resolution at acceptance (ADR 0034). A message that only adds to a profile this node
 * already knows (a track, page, screen or group whose every identifier the
 * {@link OwnerCache} names one profile for, with no blocked value, and whose consent
 * statements, if any, are the profile's choices already) is linked to it in the request's
 * transaction: its counters, channels and first and last seen are added to the profile
 * row in one statement per request, which takes the row lock and links only where the
 * profile is still live and at the graph version the cache knew. Any other message goes
 * through the resolution queue.
 * <p>
 * The row lock is what keeps this consistent with the rest of resolution: a batch that
 * merges the profile, a split and an erasure lock the same row, so they either see the
 * linked message (and move or delete it with the profile's others) or change the row
 * first, and the check fails. The result is the profile the queue would have given.
 */
@Component
class EarlyResolver implements EarlyResolution {

	/** The types whose resolution only adds to the profile: no traits, no alias. */
	private static final Set<String> ADDING = Set.of("track", "page", "screen", "group");

	private final OwnerCache cache;

	private final IdentifierExtractor extractor;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final boolean enabled;

	private final Counter linked;

	EarlyResolver(OwnerCache cache, IdentifierExtractor extractor, JdbcClient jdbc, JsonMapper json, Clock clock,
			MeterRegistry meters, @Value("${omnis.identity.early-resolution.enabled:true}") boolean enabled) {
		this.linked = ResolutionMeters.linked(meters, "acceptance");
		this.cache = cache;
		this.extractor = extractor;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
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
		return planned.isEmpty() ? Plan.NONE : new Linking(channelId, planned, consent);
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

	/** What a request's messages add to one profile. */
	private static final class Addition {

		final Map<String, Long> counts = new LinkedHashMap<>();

		Instant first = Instant.MAX;

		Instant last = Instant.MIN;

		long events;

		void add(CollectedEvent event) {
			counts.merge(event.event() == null ? event.type() : "track:" + event.event(), 1L, Long::sum);
			first = event.occurredAt().isBefore(first) ? event.occurredAt() : first;
			last = event.occurredAt().isAfter(last) ? event.occurredAt() : last;
			events++;
		}

	}

	private final class Linking implements Plan {

		private final String channelId;

		private final List<Planned> planned;

		private final Map<String, Map<String, Boolean>> consent;

		Linking(String channelId, List<Planned> planned, Map<String, Map<String, Boolean>> consent) {
			this.channelId = channelId;
			this.planned = planned;
			this.consent = consent;
		}

		@Override
		public boolean isEmpty() {
			return false;
		}

		@Override
		public Map<String, Link> confirm(Map<String, Long> stored) {
			Map<OwnerCache.Owner, Addition> additions = new LinkedHashMap<>();
			for (Planned one : planned) {
				if (stored.containsKey(one.message().messageId())) {
					additions.computeIfAbsent(one.owner(), owner -> new Addition()).add(one.message());
				}
			}
			if (additions.isEmpty()) {
				return Map.of();
			}
			Set<String> added = add(channelId, additions, consent);
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
	 * Adds to each profile what its messages bring, where the profile is live and at the
	 * version planned, under its row lock.
	 * @return the profiles added to
	 */
	private Set<String> add(String channelId, Map<OwnerCache.Owner, Addition> additions,
			Map<String, Map<String, Boolean>> consent) {
		int n = additions.size();
		String[] ids = new String[n];
		Integer[] versions = new Integer[n];
		String[] counts = new String[n];
		Timestamp[] first = new Timestamp[n];
		Timestamp[] last = new Timestamp[n];
		String[] firstText = new String[n];
		String[] lastText = new String[n];
		Long[] events = new Long[n];
		String[] stated = new String[n];
		int i = 0;
		for (Map.Entry<OwnerCache.Owner, Addition> entry : additions.entrySet()) {
			Addition addition = entry.getValue();
			ids[i] = entry.getKey().profileId();
			versions[i] = entry.getKey().version();
			counts[i] = json.writeValueAsString(addition.counts);
			first[i] = Timestamp.from(addition.first);
			last[i] = Timestamp.from(addition.last);
			// Channel times are kept as Java writes them, as resolution batches do
			firstText[i] = addition.first.toString();
			lastText[i] = addition.last.toString();
			events[i] = addition.events;
			// As {"<purpose>": {"granted": …}}: what the profile's consent must already
			// hold
			Map<String, Map<String, Boolean>> expected = new LinkedHashMap<>();
			consent.getOrDefault(ids[i], Map.of())
				.forEach((purpose, granted) -> expected.put(purpose, Map.of("granted", granted)));
			stated[i] = json.writeValueAsString(expected);
			i++;
		}
		return new HashSet<>(jdbc.sql(ADD)
			.param("ids", ids)
			.param("versions", versions)
			.param("counts", counts)
			.param("first", first)
			.param("last", last)
			.param("firstText", firstText)
			.param("lastText", lastText)
			.param("events", events)
			.param("consent", stated)
			.param("channel", channelId)
			.param("channelPath", new String[] { channelId })
			.param("maxCounters", ProfileState.MAX_COUNTERS)
			.param("now", Timestamp.from(clock.instant()))
			.query(String.class)
			.list());
	}

	/**
	 * A request's additions to its profiles, as {@link ProfileState#record} makes them: a
	 * count per event type (new types, in the order the request first named them, only
	 * while the profile has fewer than {@link ProfileState#MAX_COUNTERS}), first and last
	 * seen, and the channel's first and last seen and events. A profile merged away,
	 * erased, or whose graph version moved on is left alone, and not returned; so is one
	 * whose consent does not already hold every choice its messages state (a change of
	 * consent is the queue's to record, in order).
	 * <p>
	 * A profile whose row another transaction holds (a resolution batch, a split, another
	 * request adding to the same customer) is skipped rather than waited for: a request
	 * never queues behind a busy profile or deadlocks with a batch, and that profile's
	 * messages go through the queue, whose batches take a busy profile's messages
	 * together.
	 */
	private static final String ADD = """
			with locked as (
			    select id from profile where id = any(:ids::text[]) order by id for no key update skip locked)
			update profile p
			   set event_counts = p.event_counts || coalesce((
			           select jsonb_object_agg(c.key, coalesce((p.event_counts ->> c.key)::bigint, 0) + c.value::bigint)
			             from (select c.key, c.value, p.event_counts -> c.key is not null as known,
			                          row_number() over (partition by p.event_counts -> c.key is null order by c.n) as nth
			                     from json_each_text(d.counts::json) with ordinality as c(key, value, n)) c
			            where c.known
			               or c.nth <= :maxCounters - (select count(*) from jsonb_object_keys(p.event_counts))), '{}'),
			       first_seen_at = least(p.first_seen_at, d.first),
			       last_seen_at = greatest(p.last_seen_at, d.last),
			       channels = jsonb_set(p.channels, :channelPath::text[], jsonb_build_object(
			           'firstSeenAt', case when p.channels -> :channel ->> 'firstSeenAt' is null
			                                 or d.first < (p.channels -> :channel ->> 'firstSeenAt')::timestamptz
			                               then to_jsonb(d.first_text) else p.channels -> :channel -> 'firstSeenAt' end,
			           'lastSeenAt', case when p.channels -> :channel ->> 'lastSeenAt' is null
			                                or d.last > (p.channels -> :channel ->> 'lastSeenAt')::timestamptz
			                              then to_jsonb(d.last_text) else p.channels -> :channel -> 'lastSeenAt' end,
			           'events', coalesce((p.channels -> :channel ->> 'events')::bigint, 0) + d.events)),
			       updated_at = :now
			  from (select * from unnest(:ids::text[], :versions::int[], :counts::text[], :first::timestamptz[],
			                             :last::timestamptz[], :firstText::text[], :lastText::text[], :events::bigint[],
			                             :consent::text[])
			                   as x(id, version, counts, first, last, first_text, last_text, events, consent)
			         order by id) d
			 where p.id = d.id and p.id in (select id from locked)
			   and p.merged_into is null and p.graph_version = d.version and p.consent @> d.consent::jsonb
			returning p.id""";

}
