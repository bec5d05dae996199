package io.omnis.customer.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.customer.Identifier;
import io.omnis.customer.Suppression;
import io.omnis.kernel.database.ArrayParameters;

/**
 * The identifiers of erased customers who are not to be collected again (ADR 0031), kept
 * as a salted SHA-256 of {@code type:value} and never as the value. PostgreSQL computes
 * the digest (its built-in {@code sha256}), so the formula is written once, here.
 */
@Repository
public class Suppressions {

	/** The digest of {@code x.t || ':' || x.v}, with the installation's salt. */
	private static final String DIGEST = "sha256(k.salt || convert_to(x.t || ':' || x.v, 'UTF8'))";

	private final JdbcClient jdbc;

	Suppressions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Suppresses these identifiers ({@code type:value}) of an erased profile; one already
	 * suppressed stays as it was.
	 * @return how many were suppressed now
	 */
	int suppress(String profileId, List<String> identifiers, String actor, Instant at) {
		if (identifiers.isEmpty()) {
			return 0;
		}
		List<Identifier> parsed = identifiers.stream().map(Suppressions::split).toList();
		return jdbc.sql("""
				insert into identifier_suppression (digest, type, profile_id, actor, suppressed_at)
				select %s, x.t, :profile, :actor, :at
				  from identifier_suppression_salt k, unnest(:types::text[], :values::text[]) as x(t, v)
				on conflict (digest) do nothing""".formatted(DIGEST))
			.param("types", parsed.stream().map(Identifier::type).toArray(String[]::new))
			.param("values", parsed.stream().map(Identifier::value).toArray(String[]::new))
			.param("profile", profileId)
			.param("actor", actor)
			.param("at", Timestamp.from(at))
			.update();
	}

	/**
	 * Those of these identifiers that are suppressed. Every resolution batch asks: while
	 * nothing is suppressed, the first condition (a one-time filter, one probe of an
	 * empty index) spares PostgreSQL hashing the batch's identifiers. A batch of one
	 * message is common (a conversation's sender), so the identifiers go one parameter
	 * each and the question is planned once per connection (ADR 0026).
	 */
	Set<Identifier> among(Collection<Identifier> identifiers) {
		Set<Identifier> suppressed = new HashSet<>();
		if (identifiers.isEmpty()) {
			return suppressed;
		}
		int size = identifiers.size();
		jdbc.sql("""
				select x.t, x.v from identifier_suppression_salt k, unnest(%s, %s) as x(t, v)
				 where exists (select 1 from identifier_suppression)
				   and exists (select 1 from identifier_suppression s where s.digest = %s)"""
			.formatted(ArrayParameters.textArray("types", size), ArrayParameters.textArray("values", size), DIGEST))
			.param("types", ArrayParameters.values(identifiers.stream().map(Identifier::type).toList()))
			.param("values", ArrayParameters.values(identifiers.stream().map(Identifier::value).toList()))
			.query(rs -> {
				suppressed.add(new Identifier(rs.getString(1), rs.getString(2)));
			});
		return suppressed;
	}

	Optional<Suppression> find(Identifier identifier) {
		return jdbc.sql("""
				select s.profile_id, s.actor, s.suppressed_at
				  from identifier_suppression s, identifier_suppression_salt k,
				       (select :type::text as t, :value::text as v) x
				 where s.digest = %s""".formatted(DIGEST))
			.param("type", identifier.type())
			.param("value", identifier.value())
			.query((rs, row) -> new Suppression(identifier, rs.getString("profile_id"), rs.getString("actor"),
					rs.getTimestamp("suppressed_at").toInstant()))
			.optional();
	}

	/**
	 * Lifts the suppression of these identifiers.
	 * @return how many of them were suppressed
	 */
	int lift(Collection<Identifier> identifiers) {
		if (identifiers.isEmpty()) {
			return 0;
		}
		return jdbc.sql("""
				delete from identifier_suppression s using identifier_suppression_salt k,
				       unnest(:types::text[], :values::text[]) as x(t, v)
				 where s.digest = %s""".formatted(DIGEST))
			.param("types", identifiers.stream().map(Identifier::type).toArray(String[]::new))
			.param("values", identifiers.stream().map(Identifier::value).toArray(String[]::new))
			.update();
	}

	private static Identifier split(String identifier) {
		int colon = identifier.indexOf(':');
		return new Identifier(identifier.substring(0, colon), identifier.substring(colon + 1));
	}

}
