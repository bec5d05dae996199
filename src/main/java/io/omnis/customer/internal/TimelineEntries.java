package io.omnis.customer.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.customer.Identifier;
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

	private final JdbcClient jdbc;

	private final ProfileReads reads;

	TimelineEntries(JdbcClient jdbc, ProfileReads reads) {
		this.jdbc = jdbc;
		this.reads = reads;
	}

	@ApplicationModuleListener
	void on(CustomerActivity activity) {
		Optional<String> profile = activity.customer().startsWith(IdentityResolver.PROFILE_PREFIX + "_")
				? reads.find(activity.customer()).map(p -> p.id())
				: Identifier.parse(activity.customer()).flatMap(reads::findByIdentifier).map(p -> p.id());
		if (profile.isEmpty()) {
			log.warn("Timeline entry {} for unknown customer {} not recorded", activity.kind(), activity.customer());
			return;
		}
		jdbc.sql("""
				insert into timeline_entry (profile_id, occurred_at, kind, channel_id, summary, reference)
				values (:profile, :at, :kind, :channel, :summary, :reference)""")
			.param("profile", profile.get())
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

	/** The kinds of activity a profile has, in alphabetical order. */
	public List<String> kinds(String profileId) {
		return jdbc.sql("select distinct kind from timeline_entry where profile_id = :profile order by kind")
			.param("profile", profileId)
			.query(String.class)
			.list();
	}

	/**
	 * A page of a profile's entries, newest first, strictly before the given position.
	 */
	public List<Entry> page(String profileId, @Nullable Instant before, long beforeId, int limit,
			@Nullable String channelId, @Nullable String kind) {
		return jdbc.sql("""
				select * from timeline_entry where profile_id = :profile
				   and (:before::timestamptz is null or (occurred_at, id) < (:before::timestamptz, :beforeId))
				   and (:channel::text is null or channel_id = :channel) and (:kind::text is null or kind = :kind)
				 order by occurred_at desc, id desc limit :limit""")
			.param("profile", profileId)
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
