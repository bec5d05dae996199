package io.omnis.customer.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.customer.Identifier;
import io.omnis.customer.Profile;
import io.omnis.customer.ProfileEvents.ProfilesMerged;
import io.omnis.kernel.CustomerActivity;

/**
 * Records the activities other modules publish on the customer's timeline, and keeps them
 * with her profile when it is merged. Listening through the event publication registry,
 * nothing published is lost to a crash.
 */
@Component
public class TimelineEntries {

	private static final Logger log = LoggerFactory.getLogger(TimelineEntries.class);

	/**
	 * The entries of a profile: its own, and those kept under one of its identifiers
	 * ("type:value") since before a profile held it.
	 */
	private static final String OWNED = """
			(profile_id = :profile or (profile_id is null and customer = any(:identifiers::text[])))""";

	private final JdbcClient jdbc;

	private final ProfileReads reads;

	TimelineEntries(JdbcClient jdbc, ProfileReads reads) {
		this.jdbc = jdbc;
		this.reads = reads;
	}

	/**
	 * Records an activity on the profile it names, directly or through an identifier. An
	 * identifier no profile holds yet (resolution has not made her profile, or she has
	 * only ever ordered) keeps the entry, for the profile that holds it to show.
	 */
	@ApplicationModuleListener
	void on(CustomerActivity activity) {
		String profile = null;
		String customer = null;
		if (activity.customer().startsWith(IdentityResolver.PROFILE_PREFIX + "_")) {
			profile = reads.find(activity.customer()).map(Profile::id).orElse(null);
		}
		else {
			Optional<Identifier> identifier = Identifier.parse(activity.customer());
			profile = identifier.flatMap(reads::findByIdentifier).map(Profile::id).orElse(null);
			customer = profile == null ? identifier.map(Identifier::toString).orElse(null) : null;
		}
		if (profile == null && customer == null) {
			log.warn("Timeline entry {} for unknown customer {} not recorded", activity.kind(), activity.customer());
			return;
		}
		jdbc.sql("""
				insert into timeline_entry (profile_id, customer, occurred_at, kind, channel_id, summary, reference)
				values (:profile, :customer, :at, :kind, :channel, :summary, :reference)""")
			.param("profile", profile)
			.param("customer", customer)
			.param("at", Timestamp.from(activity.occurredAt()))
			.param("kind", abbreviate(activity.kind(), 100))
			.param("channel", activity.channelId())
			.param("summary", abbreviate(activity.summary(), 500))
			.param("reference", activity.reference())
			.update();
	}

	@ApplicationModuleListener
	void on(ProfilesMerged merged) {
		jdbc.sql("update timeline_entry set profile_id = :survivor where profile_id = :merged")
			.param("survivor", merged.survivor())
			.param("merged", merged.merged())
			.update();
	}

	/**
	 * The kinds of activity a profile has, with those kept under one of its identifiers
	 * ("type:value"), in alphabetical order.
	 */
	public List<String> kinds(String profileId, Collection<String> identifiers) {
		return jdbc.sql("select distinct kind from timeline_entry where " + OWNED + " order by kind")
			.param("profile", profileId)
			.param("identifiers", identifiers.toArray(String[]::new))
			.query(String.class)
			.list();
	}

	/**
	 * A page of a profile's entries (with those kept under one of its identifiers),
	 * newest first, strictly before the given position.
	 */
	public List<Entry> page(String profileId, Collection<String> identifiers, @Nullable Instant before, long beforeId,
			int limit, @Nullable String channelId, @Nullable String kind) {
		return jdbc.sql("select * from timeline_entry where " + OWNED + """

				  and (:before::timestamptz is null or (occurred_at, id) < (:before::timestamptz, :beforeId))
				  and (:channel::text is null or channel_id = :channel) and (:kind::text is null or kind = :kind)
				order by occurred_at desc, id desc limit :limit""")
			.param("profile", profileId)
			.param("identifiers", identifiers.toArray(String[]::new))
			.param("before", before == null ? null : Timestamp.from(before))
			.param("beforeId", beforeId)
			.param("channel", channelId)
			.param("kind", kind)
			.param("limit", limit)
			.query((rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					rs.getString("kind"), rs.getString("channel_id"), rs.getString("summary"),
					rs.getString("reference")))
			.list();
	}

	private static String abbreviate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	/** A recorded entry. */
	public record Entry(long id, Instant occurredAt, String kind, @Nullable String channelId, String summary,
			@Nullable String reference) {
	}

}
