package io.omnis.customer.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.customer.Identifier;
import io.omnis.customer.Profile;
import io.omnis.customer.ProfileHistory;
import io.omnis.kernel.IsoTimestamp;
import io.omnis.kernel.database.ArrayParameters;
import io.omnis.tracking.CollectedEvents;

/**
 * Reads of profiles and what is kept beside them, each an indexed lookup.
 */
@Repository
public class ProfileReads {

	/**
	 * A profile and every profile merged into it: what was recorded on a merged profile
	 * (its consent statements, identity decisions) stays part of the survivor's history,
	 * while the ledger itself is never rewritten.
	 */
	private static final String ABSORBED = """
			with recursive absorbed(id) as (
			    select cast(:id as text)
			    union
			    select p.id from profile p join absorbed a on p.merged_into = a.id)
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final CollectedEvents events;

	private final FactsRollup rollup;

	ProfileReads(JdbcClient jdbc, JsonMapper json, CollectedEvents events, FactsRollup rollup) {
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
		this.rollup = rollup;
	}

	public Optional<String> ownerOf(Identifier identifier) {
		return jdbc.sql("select profile_id from identifier where type = :type and value = :value")
			.param("type", identifier.type())
			.param("value", identifier.value())
			.query(String.class)
			.optional();
	}

	/**
	 * The one profile that holds every one of these identifiers, in one statement (an
	 * index lookup each: identifiers always point at live profiles, a merge moves them);
	 * empty when one of them is held by no profile or they are held by several.
	 */
	public Optional<String> holderOfAll(java.util.Collection<Identifier> identifiers) {
		if (identifiers.isEmpty()) {
			return Optional.empty();
		}
		// One parameter per identifier, so that it is planned once per connection (ADR
		// 0026): a conversation asks this for the sender of every inbound message
		int size = identifiers.size();
		return jdbc
			.sql("""
					select min(i.profile_id) from unnest(%s, %s) as x(t, v)
					 cross join lateral (select profile_id from identifier where type = x.t and value = x.v) i
					having count(*) = :count and count(distinct i.profile_id) = 1"""
				.formatted(ArrayParameters.textArray("types", size), ArrayParameters.textArray("values", size)))
			.param("types", ArrayParameters.values(identifiers.stream().map(Identifier::type).toList()))
			.param("values", ArrayParameters.values(identifiers.stream().map(Identifier::value).toList()))
			.param("count", size)
			.query(String.class)
			.optional();
	}

	/** The live profile with this id, or the one it was merged into. */
	public Optional<Profile> find(String id) {
		Optional<Row> row = row("p.id = :key", id, null);
		for (int hops = 0; row.isPresent() && row.get().mergedInto() != null && hops < 200; hops++) {
			row = row("p.id = :key", row.get().mergedInto(), null);
		}
		return row.filter(r -> r.mergedInto() == null).map(this::profile);
	}

	/**
	 * The profile holding an identifier, in one query (identifiers always point at live
	 * profiles).
	 */
	public Optional<Profile> findByIdentifier(Identifier identifier) {
		return row("p.id = (select profile_id from identifier where type = :type and value = :key)", identifier.value(),
				identifier.type())
			.map(this::profile);
	}

	/**
	 * The profile of a row, with its facts: the row's roll-up and what the events after
	 * it add (ADR 0035). A profile with many events after its roll-up is rolled up again
	 * soon, so that its reads stay short.
	 */
	private Profile profile(Row row) {
		List<CollectedEvents.Activity> since = events.activity(row.id(), row.factsUntil(), null);
		ProfileFacts facts = row.facts();
		facts.add(since);
		if (since.stream().mapToLong(CollectedEvents.Activity::events).sum() > rollup.foldAfter()) {
			rollup.foldLater(row.id());
		}
		return new Profile(row.id(), row.createdAt(), row.updatedAt(), facts.firstSeen, facts.lastSeen, row.traits(),
				row.traitSources(), facts.eventCounts, row.consent(), row.identifiers(), facts.channelUse(),
				row.mergeCount(), row.flags());
	}

	public List<String> search(String query, int limit) {
		String q = query.strip().toLowerCase(java.util.Locale.ROOT);
		String pattern = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		String phone = Identifier.normalised("phone", q).map(Identifier::value).orElse(q.replaceAll("[\\s().-]", ""));
		return jdbc.sql("""
				select id from (
				    select profile_id as id from identifier where type = 'email' and value like :pattern
				    union
				    select profile_id from identifier where type = 'phone' and value like :phone
				    union
				    select id from profile where merged_into is null and search_name like :pattern
				    union
				    select profile_id from identifier where type not in ('email', 'phone') and value = :exact
				) found order by id limit :limit""")
			.param("pattern", pattern)
			.param("phone", phone.replace("%", "\\%").replace("_", "\\_") + "%")
			.param("exact", query.strip())
			.param("limit", limit)
			.query(String.class)
			.list();
	}

	public List<Profile> flagged(int limit) {
		return jdbc.sql("select id from profile where flags <> '{}' and merged_into is null order by id limit :limit")
			.param("limit", limit)
			.query(String.class)
			.list()
			.stream()
			.map(this::find)
			.flatMap(Optional::stream)
			.toList();
	}

	public List<ProfileHistory.MergeRecord> merges(String profileId, int limit) {
		return jdbc.sql("""
				select * from profile_merge where survivor_id = :id or merged_id = :id order by at desc, id desc
				 limit :limit""")
			.param("id", profileId)
			.param("limit", limit)
			.query((rs, n) -> new ProfileHistory.MergeRecord(rs.getString("id"), rs.getString("kind"),
					rs.getString("survivor_id"), rs.getString("merged_id"), rs.getString("identifier"),
					rs.getString("channel_id"), rs.getString("message_id"), rs.getString("actor"),
					rs.getTimestamp("at").toInstant()))
			.list();
	}

	public List<ProfileHistory.Decision> decisions(String profileId, int limit) {
		return jdbc.sql(ABSORBED + """
				select * from resolution_decision where profile_id in (select id from absorbed)
				 order by at desc, id desc limit :limit""")
			.param("id", profileId)
			.param("limit", limit)
			.query((rs, n) -> new ProfileHistory.Decision(rs.getString("message_id"), rs.getString("channel_id"),
					rs.getString("identifier"), rs.getString("rule"), rs.getString("detail"),
					rs.getTimestamp("at").toInstant()))
			.list();
	}

	public List<ProfileHistory.ConsentStatement> consentLedger(String profileId, int limit) {
		return jdbc.sql(ABSORBED + """
				select * from consent_entry where profile_id in (select id from absorbed)
				 order by stated_at desc, id desc limit :limit""")
			.param("id", profileId)
			.param("limit", limit)
			.query((rs, n) -> new ProfileHistory.ConsentStatement(rs.getString("purpose"), rs.getBoolean("granted"),
					rs.getTimestamp("stated_at").toInstant(), rs.getString("channel_id"), rs.getString("source"),
					rs.getString("message_id"), rs.getString("actor"), rs.getTimestamp("recorded_at").toInstant()))
			.list();
	}

	/**
	 * A profile (its channels are in its row) with its identifiers as a JSON aggregate:
	 * one round trip, one index lookup and one index range per read.
	 */
	private Optional<Row> row(String condition, String key, @Nullable String type) {
		return jdbc.sql("""
				select p.*,
				       (select coalesce(json_agg(json_build_object('type', i.type, 'value', i.value,
				                'firstSeenAt', i.first_seen_at, 'firstChannelId', i.first_channel_id,
				                'firstMessageId', i.first_message_id) order by i.first_seen_at, i.type, i.value), '[]')
				          from (select * from identifier where profile_id = p.id limit 1000) i) as identifiers
				  from profile p where\s""" + condition)
			.param("key", key)
			.param("type", type)
			.query((RowMapper<Row>) this::row)
			.optional();
	}

	private Row row(ResultSet rs, int n) throws SQLException {
		Array flags = rs.getArray("flags");
		ProfileFacts facts = new ProfileFacts(instant(rs.getTimestamp("first_seen_at")),
				instant(rs.getTimestamp("last_seen_at")), object(rs.getString("event_counts")));
		facts.readChannels(json.readTree(rs.getString("channels")));
		return new Row(rs.getString("id"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), facts, instant(rs.getTimestamp("facts_until")),
				object(rs.getString("traits")), object(rs.getString("trait_sources")), object(rs.getString("consent")),
				rs.getInt("merge_count"), Set.of((String[]) flags.getArray()), rs.getString("merged_into"),
				identifiers(rs.getString("identifiers")));
	}

	/**
	 * The identifiers aggregated by the read, mapped by hand: Jackson's bean and instant
	 * deserialisers were a tenth of a profile lookup's time in Omnis.
	 */
	private List<Profile.KnownIdentifier> identifiers(String aggregated) {
		JsonNode array = json.readTree(aggregated);
		List<Profile.KnownIdentifier> identifiers = new ArrayList<>(array.size());
		for (JsonNode identifier : array) {
			identifiers.add(new Profile.KnownIdentifier(identifier.get("type").stringValue(),
					identifier.get("value").stringValue(),
					IsoTimestamp.read(identifier.get("firstSeenAt").stringValue()),
					identifier.get("firstChannelId").stringValue(), identifier.get("firstMessageId").stringValue()));
		}
		return List.copyOf(identifiers);
	}

	private ObjectNode object(String text) {
		return (ObjectNode) json.readTree(text);
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** A profile row; its facts are the row's roll-up of them. */
	private record Row(String id, Instant createdAt, Instant updatedAt, ProfileFacts facts,
			@Nullable Instant factsUntil, ObjectNode traits, ObjectNode traitSources, ObjectNode consent,
			int mergeCount, Set<String> flags, @Nullable String mergedInto, List<Profile.KnownIdentifier> identifiers) {
	}

}
