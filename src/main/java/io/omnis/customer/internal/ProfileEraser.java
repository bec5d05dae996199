package io.omnis.customer.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.customer.Erasure;
import io.omnis.customer.Identifier;
import io.omnis.customer.Suppression;
import io.omnis.customer.ProfileEvents.ProfileErased;
import io.omnis.kernel.events.CompletedPublications;
import io.omnis.kernel.problem.NotFoundException;
import io.omnis.kernel.security.Actor;
import io.omnis.tracking.CollectedEvents;

/**
 * Erases a customer at her request (the right to erasure): her profile and every profile
 * merged into it, their identifiers, events, consent ledger, decisions, merge history and
 * timeline. Other modules remove what they hold of her on {@link ProfileErased}, in this
 * transaction: one refusal (an order still in progress, store credit not paid out) and
 * nothing is erased. What remains is a {@code profile_erasure} row with counts.
 * <p>
 * Resolution is kept out meanwhile (the graph lock), and her events still waiting for it
 * go too. When she is suppressed as well (the default), her identifiers go on the
 * {@link Suppressions} list: a message naming one of them accepted later is dropped at
 * resolution instead of making her a new profile (ADR 0031). Without it, such a message
 * starts a new profile.
 */
@Component
public class ProfileEraser {

	private static final Logger log = LoggerFactory.getLogger(ProfileEraser.class);

	private final JdbcClient jdbc;

	private final GraphLocks locks;

	private final ProfileReads reads;

	private final CollectedEvents events;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private final CompletedPublications publications;

	private final Suppressions suppressions;

	ProfileEraser(JdbcClient jdbc, GraphLocks locks, ProfileReads reads, CollectedEvents events,
			ApplicationEventPublisher publisher, Clock clock, CompletedPublications publications,
			Suppressions suppressions) {
		this.suppressions = suppressions;
		this.publications = publications;
		this.jdbc = jdbc;
		this.locks = locks;
		this.reads = reads;
		this.events = events;
		this.publisher = publisher;
		this.clock = clock;
	}

	@Transactional
	public Erasure erase(String id, boolean suppress) {
		locks.lockGraph();
		String live = reads.find(id).orElseThrow(() -> new NotFoundException("profile", id)).id();
		List<String> profiles = jdbc.sql("""
				with recursive tree(id) as (
				    select cast(:live as text)
				    union
				    select p.id from profile p join tree t on p.merged_into = t.id)
				select id from tree order by id""").param("live", live).query(String.class).list();
		String[] ids = profiles.toArray(String[]::new);
		// Resolution at acceptance links messages under these rows' locks, not the graph
		// lock: lock them before her events are deleted, so that none is linked after
		jdbc.sql("select id from profile where id = any(:ids::text[]) order by id for update")
			.param("ids", ids)
			.query(String.class)
			.list();
		List<String> identifiers = jdbc.sql("""
				select type || ':' || value from identifier where profile_id = any(:ids::text[])
				 order by type, value""").param("ids", ids).query(String.class).list();
		// The other modules first, so that one refusing does so before anything is
		// deleted (the rollback would undo it all the same)
		publisher.publishEvent(new ProfileErased(live, profiles, identifiers));
		int erasedEvents = events.erase(profiles, values(identifiers, "user_id"), values(identifiers, "anonymous_id"));
		String[] named = identifiers.toArray(String[]::new);
		jdbc.sql("delete from identifier where profile_id = any(:ids::text[])").param("ids", ids).update();
		jdbc.sql("delete from consent_entry where profile_id = any(:ids::text[])").param("ids", ids).update();
		// With the activities kept under one of her identifiers (recorded before a
		// profile
		// held it)
		jdbc.sql("""
				delete from timeline_entry
				 where profile_id = any(:ids::text[])
				    or (profile_id is null and customer = any(:identifiers::text[]))""")
			.param("ids", ids)
			.param("identifiers", named)
			.update();
		// A decision about one of her identifiers on another profile names her too
		jdbc.sql("""
				delete from resolution_decision
				 where profile_id = any(:ids::text[]) or identifier = any(:identifiers::text[])""")
			.param("ids", ids)
			.param("identifiers", named)
			.update();
		jdbc.sql("""
				delete from profile_merge
				 where survivor_id = any(:ids::text[]) or merged_id = any(:ids::text[])
				    or identifier = any(:identifiers::text[])""")
			.param("ids", ids)
			.param("identifiers", named)
			.update();
		jdbc.sql("delete from profile where id = any(:ids::text[])").param("ids", ids).update();
		// Spring Modulith's copies of module events that named her
		List<String> mentions = new ArrayList<>(profiles);
		identifiers.forEach(identifier -> mentions.add(identifier.substring(identifier.indexOf(':') + 1)));
		publications.forgetMentioning(mentions);
		Instant now = clock.instant();
		int suppressed = suppress ? suppressions.suppress(live, identifiers, Actor.current(), now) : 0;
		jdbc.sql("""
				insert into profile_erasure (profile_id, profile_ids, identifiers, events, suppressed, actor, erased_at)
				values (:id, :ids::text[], :identifiers, :events, :suppressed, :actor, :at)""")
			.param("id", live)
			.param("ids", ids)
			.param("identifiers", identifiers.size())
			.param("events", erasedEvents)
			.param("suppressed", suppressed)
			.param("actor", Actor.current())
			.param("at", Timestamp.from(now))
			.update();
		return new Erasure(live, profiles, identifiers.size(), erasedEvents, suppressed, now);
	}

	public Optional<Suppression> suppression(Identifier identifier) {
		return suppressions.find(identifier);
	}

	/**
	 * Lifts the suppression of these identifiers, for the reason given (logged, with the
	 * actor and the types, never the values).
	 * @return how many of them were suppressed
	 */
	public int lift(Collection<Identifier> identifiers, String why) {
		int lifted = suppressions.lift(identifiers);
		if (lifted > 0) {
			log.info("{} lifted the suppression of {} identifier(s) among {}: {}", Actor.current(), lifted,
					identifiers.stream().map(Identifier::type).toList(), why);
		}
		return lifted;
	}

	private static List<String> values(List<String> identifiers, String type) {
		String prefix = type + ":";
		return identifiers.stream().filter(i -> i.startsWith(prefix)).map(i -> i.substring(prefix.length())).toList();
	}

}
