package io.omnis.customer.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.customer.Identifier;
import io.omnis.kernel.database.ArrayParameters;

/**
 * The profile (with its channel use), identifier, profile_merge, resolution_decision and
 * consent_entry tables, read and written in batches.
 */
@Repository
public class ProfileStore {

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final JsonMapper json;

	ProfileStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
		this.jdbc = jdbc;
		this.template = template;
		this.json = json;
	}

	/**
	 * Locks the rows of these profiles until the transaction ends, in id order so that
	 * two shards locking overlapping profiles cannot deadlock, and loads them as locked,
	 * with their identifiers: two statements where locking and loading took three.
	 */
	Map<String, ProfileState> lockAndLoad(Collection<String> ids) {
		return lockAndLoad(ids, "for update");
	}

	/**
	 * Locks and loads those of these profiles that no other transaction holds, leaving
	 * the others alone instead of waiting for them.
	 */
	Map<String, ProfileState> lockAndLoadFree(Collection<String> ids) {
		return lockAndLoad(ids, "for update skip locked");
	}

	private Map<String, ProfileState> lockAndLoad(Collection<String> ids, String lock) {
		if (ids.isEmpty()) {
			return new HashMap<>();
		}
		String[] array = ids.toArray(String[]::new);
		Map<String, ProfileState> states = new HashMap<>();
		jdbc.sql("select * from profile where id = any(:ids::text[]) order by id " + lock)
			.param("ids", array)
			.query(rs -> {
				states.put(rs.getString("id"), state(rs, new HashMap<>()));
			});
		jdbc.sql("select type, value, profile_id, first_seen_at from identifier where profile_id = any(:ids::text[])")
			.param("ids", array)
			.query(rs -> {
				ProfileState state = states.get(rs.getString(3));
				if (state != null) {
					state.identifiers.put(new Identifier(rs.getString(1), rs.getString(2)),
							rs.getTimestamp(4).toInstant());
				}
			});
		return states;
	}

	Map<Identifier, String> owners(Collection<Identifier> identifiers) {
		if (identifiers.isEmpty()) {
			return Map.of();
		}
		Map<Identifier, String> owners = new HashMap<>();
		// A batch of a few messages (a conversation's sender, a quiet source) is common:
		// up to ArrayParameters.ONE_EACH identifiers go one parameter each, so that the
		// lookup is planned once per connection (ADR 0026); more go as one array
		int size = identifiers.size();
		jdbc.sql("""
				select i.type, i.value, i.profile_id from identifier i
				  join unnest(%s, %s) as x(t, v) on i.type = x.t and i.value = x.v"""
			.formatted(ArrayParameters.textArray("types", size), ArrayParameters.textArray("values", size)))
			.param("types", ArrayParameters.values(identifiers.stream().map(Identifier::type).toList()))
			.param("values", ArrayParameters.values(identifiers.stream().map(Identifier::value).toList()))
			.query(rs -> {
				owners.put(new Identifier(rs.getString(1), rs.getString(2)), rs.getString(3));
			});
		return owners;
	}

	Map<String, ProfileState> load(Collection<String> ids) {
		if (ids.isEmpty()) {
			return new HashMap<>();
		}
		Map<String, Map<Identifier, Instant>> identifiers = new HashMap<>();
		jdbc.sql("select type, value, profile_id, first_seen_at from identifier where profile_id = any(:ids::text[])")
			.param("ids", ids.toArray(String[]::new))
			.query(rs -> {
				identifiers.computeIfAbsent(rs.getString(3), id -> new HashMap<>())
					.put(new Identifier(rs.getString(1), rs.getString(2)), rs.getTimestamp(4).toInstant());
			});
		Map<String, ProfileState> states = new HashMap<>();
		jdbc.sql("select * from profile where id = any(:ids::text[])")
			.param("ids", ids.toArray(String[]::new))
			.query(rs -> {
				String id = rs.getString("id");
				ProfileState state = state(rs, identifiers.getOrDefault(id, new HashMap<>()));
				states.put(id, state);
			});
		return states;
	}

	private ProfileState state(ResultSet rs, Map<Identifier, Instant> identifiers) throws SQLException {
		Array flags = rs.getArray("flags");
		ProfileFacts facts = new ProfileFacts(instant(rs, "first_seen_at"), instant(rs, "last_seen_at"),
				object(rs, "event_counts"));
		facts.readChannels(json.readTree(rs.getString("channels")));
		ProfileState state = new ProfileState(rs.getString("id"), false, instant(rs, "created_at"), facts,
				instant(rs, "facts_until"), object(rs, "traits"), object(rs, "trait_sources"), object(rs, "consent"),
				rs.getInt("merge_count"), Set.of((String[]) flags.getArray()), identifiers);
		state.mergedInto = rs.getString("merged_into");
		state.graphVersion = rs.getInt("graph_version");
		state.traitsStored = true;
		return state;
	}

	/**
	 * Marks that identifiers left a live profile: early resolution no longer links to it
	 * through what its cache knew before (ADR 0034).
	 */
	void identifiersLeft(String id) {
		jdbc.sql("update profile set graph_version = graph_version + 1 where id = :id").param("id", id).update();
	}

	/** Where a profile lives now, following merges. */
	Optional<String> canonical(String id) {
		return jdbc.sql("""
				with recursive chain(id, merged_into, depth) as (
				    select id, merged_into, 0 from profile where id = :id
				    union all
				    select p.id, p.merged_into, c.depth + 1 from profile p join chain c on p.id = c.merged_into
				     where c.depth < 200)
				select id from chain where merged_into is null""").param("id", id).query(String.class).optional();
	}

	private static final String INSERT = """
						insert into profile (id, created_at, updated_at, first_seen_at, last_seen_at, traits, trait_sources,
						                     event_counts, consent, merge_count, identifier_count, flags, search_name, merged_into,
						                     channels, facts_until)
						select id, created, :now, first, last, coalesce(traits::jsonb, 'null'), coalesce(sources::jsonb, 'null'),
						       counts::jsonb, consent::jsonb,
						       merges, identifiers, case when flags = '' then '{}' else string_to_array(flags, E'\\x1f') end,
						       name, merged_into, channels::jsonb, until
						  from unnest(:ids::text[], :created::timestamptz[], :first::timestamptz[], :last::timestamptz[],
						              :traits::text[], :sources::text[], :counts::text[], :consent::text[], :merges::int[],
						              :identifiers::int[], :flags::text[], :names::text[], :mergedInto::text[], :channels::text[],
						              :until::timestamptz[])
						       as x(id, created, first, last, traits, sources, counts, consent, merges, identifiers, flags, name,
						            merged_into, channels, until)
			""";

	private static final String UPSERT = """
			on conflict (id) do update set updated_at = excluded.updated_at, first_seen_at = excluded.first_seen_at,
						    last_seen_at = excluded.last_seen_at,
						    traits = case when excluded.traits = 'null' then profile.traits else excluded.traits end,
						    trait_sources = case when excluded.trait_sources = 'null' then profile.trait_sources
						                         else excluded.trait_sources end,
						    event_counts = excluded.event_counts, consent = excluded.consent, merge_count = excluded.merge_count,
						    identifier_count = excluded.identifier_count, flags = excluded.flags,
						    search_name = excluded.search_name, merged_into = excluded.merged_into, channels = excluded.channels,
						    facts_until = excluded.facts_until""";

	/**
	 * Inserts or updates the changed profiles in one statement over arrays: one round
	 * trip and one plan, whatever the batch size. A profile whose traits are as stored
	 * sends none: they go as JSON {@code null} (which a profile's traits never are, and
	 * which satisfies {@code not null} while the row is proposed) and the update keeps
	 * the row's own, so a track event neither serializes nor parses them again, and a
	 * large (TOASTed) value is kept as it is.
	 */
	void save(Collection<ProfileState> states, Instant now) {
		// A profile made in this batch is new to the table: a plain insert, without the
		// speculative insertion (a probe and a confirmation per row) of an upsert
		write(states.stream().filter(s -> s.isNew).toList(), INSERT, now);
		write(states.stream().filter(s -> s.dirty && !s.isNew).toList(), INSERT + UPSERT, now);
	}

	private void write(List<ProfileState> changed, String sql, Instant now) {
		if (changed.isEmpty()) {
			return;
		}
		int n = changed.size();
		String[] ids = new String[n];
		Timestamp[] created = new Timestamp[n];
		Timestamp[] first = new Timestamp[n];
		Timestamp[] last = new Timestamp[n];
		String[] traits = new String[n];
		String[] sources = new String[n];
		String[] counts = new String[n];
		String[] consent = new String[n];
		Integer[] merges = new Integer[n];
		Integer[] identifiers = new Integer[n];
		String[] flags = new String[n];
		String[] names = new String[n];
		String[] mergedInto = new String[n];
		String[] channels = new String[n];
		Timestamp[] until = new Timestamp[n];
		for (int i = 0; i < n; i++) {
			ProfileState s = changed.get(i);
			ids[i] = s.id;
			created[i] = Timestamp.from(s.createdAt);
			first[i] = timestamp(s.facts.firstSeen);
			last[i] = timestamp(s.facts.lastSeen);
			// Traits kept as stored go as null: the row keeps its own (see below)
			traits[i] = s.traitsStored ? null : json.writeValueAsString(s.traits);
			sources[i] = s.traitsStored ? null : json.writeValueAsString(s.traitSources);
			counts[i] = json.writeValueAsString(s.facts.eventCounts);
			consent[i] = json.writeValueAsString(s.consent);
			merges[i] = s.mergeCount;
			identifiers[i] = s.identifiers.size();
			flags[i] = String.join("\u001f", s.flags);
			names[i] = s.searchName();
			mergedInto[i] = s.mergedInto;
			channels[i] = json.writeValueAsString(s.facts.writeChannels(json));
			until[i] = timestamp(s.factsUntil);
		}
		jdbc.sql(sql)
			.param("now", Timestamp.from(now))
			.param("ids", ids)
			.param("created", created)
			.param("first", first)
			.param("last", last)
			.param("traits", traits)
			.param("sources", sources)
			.param("counts", counts)
			.param("consent", consent)
			.param("merges", merges)
			.param("identifiers", identifiers)
			.param("flags", flags)
			.param("names", names)
			.param("mergedInto", mergedInto)
			.param("channels", channels)
			.param("until", until)
			.update();
	}

	/**
	 * Inserts new identifiers in (type, value) order: two shards inserting the same ones
	 * then wait for each other in one order (the later one fails on the unique key and
	 * retries its batch) instead of deadlocking.
	 */
	void insertIdentifiers(List<NewIdentifier> unordered) {
		if (unordered.isEmpty()) {
			return;
		}
		List<NewIdentifier> identifiers = unordered.stream()
			.sorted(Comparator.comparing((NewIdentifier i) -> i.identifier().type())
				.thenComparing(i -> i.identifier().value()))
			.toList();
		jdbc.sql("""
				insert into identifier (type, value, profile_id, first_seen_at, first_channel_id, first_message_id)
				select * from unnest(:types::text[], :values::text[], :profiles::text[], :at::timestamptz[],
				                     :channels::text[], :messages::text[])""")
			.param("types", identifiers.stream().map(i -> i.identifier().type()).toArray(String[]::new))
			.param("values", identifiers.stream().map(i -> i.identifier().value()).toArray(String[]::new))
			.param("profiles", identifiers.stream().map(NewIdentifier::profileId).toArray(String[]::new))
			.param("at", identifiers.stream().map(i -> Timestamp.from(i.at())).toArray(Timestamp[]::new))
			.param("channels", identifiers.stream().map(NewIdentifier::channelId).toArray(String[]::new))
			.param("messages", identifiers.stream().map(NewIdentifier::messageId).toArray(String[]::new))
			.update();
	}

	void moveIdentifiers(String from, String to) {
		jdbc.sql("update identifier set profile_id = :to where profile_id = :from")
			.param("from", from)
			.param("to", to)
			.update();
	}

	void moveIdentifiers(String from, String to, Collection<Identifier> identifiers) {
		for (Identifier identifier : identifiers) {
			jdbc.sql(
					"update identifier set profile_id = :to where profile_id = :from and type = :type and value = :value")
				.param("from", from)
				.param("to", to)
				.param("type", identifier.type())
				.param("value", identifier.value())
				.update();
		}
	}

	void recordMerge(String id, String survivor, String merged, String kind, @Nullable String identifier,
			@Nullable String channelId, @Nullable String messageId, String actor, Instant at) {
		jdbc.sql(
				"""
						insert into profile_merge (id, survivor_id, merged_id, kind, identifier, channel_id, message_id, actor, at)
						values (:id, :survivor, :merged, :kind, :identifier, :channel, :message, :actor, :at)""")
			.param("id", id)
			.param("survivor", survivor)
			.param("merged", merged)
			.param("kind", kind)
			.param("identifier", identifier)
			.param("channel", channelId)
			.param("message", messageId)
			.param("actor", actor)
			.param("at", Timestamp.from(at))
			.update();
	}

	void recordDecisions(List<Decision> decisions) {
		if (decisions.isEmpty()) {
			return;
		}
		template.batchUpdate("""
				insert into resolution_decision (profile_id, channel_id, message_id, identifier, rule, detail, at)
				values (?, ?, ?, ?, ?, ?, ?)""",
				decisions.stream()
					.map(d -> new Object[] { d.profileId(), d.channelId(), d.messageId(), d.identifier(), d.rule(),
							d.detail(), Timestamp.from(d.at()) })
					.toList());
	}

	void recordConsent(List<ConsentStatement> statements) {
		if (statements.isEmpty()) {
			return;
		}
		template.batchUpdate(
				"""
						insert into consent_entry (profile_id, purpose, granted, stated_at, channel_id, source, message_id, actor,
						                           recorded_at)
						values (?, ?, ?, ?, ?, ?, ?, ?, now())""",
				statements.stream()
					.map(c -> new Object[] { c.profileId(), c.purpose(), c.granted(), Timestamp.from(c.statedAt()),
							c.channelId(), c.source(), c.messageId(), c.actor() })
					.toList());
	}

	private ObjectNode object(ResultSet rs, String column) throws SQLException {
		return (ObjectNode) json.readTree(rs.getString(column));
	}

	@SuppressWarnings("NullAway")
	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	record NewIdentifier(Identifier identifier, String profileId, Instant at, String channelId, String messageId) {
	}

	record Decision(@Nullable String profileId, String channelId, String messageId, String identifier, String rule,
			String detail, Instant at) {

		Decision on(String profile) {
			return new Decision(profile, channelId, messageId, identifier, rule, detail, at);
		}

	}

	record ConsentStatement(String profileId, String purpose, boolean granted, Instant statedAt,
			@Nullable String channelId, String source, @Nullable String messageId, String actor) {
	}

}
