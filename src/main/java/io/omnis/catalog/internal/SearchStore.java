package io.omnis.catalog.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finds products: by words (PostgreSQL full-text search over title, description and
 * attribute values, best match first), or by exact SKU or barcode.
 */
@Repository
public class SearchStore {

	private static final String SOLD_IN = """
			(cast(:channel as text) is null or p.all_channels
			 or exists (select 1 from product_channel pc where pc.product_id = p.id and pc.channel_id = :channel))
			and (cast(:status as text) is null or p.status = :status)""";

	private final JdbcClient jdbc;

	public SearchStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Up to {@code limit} matches, best first, after the given rank and id (the last hit
	 * of the page before).
	 */
	public List<Hit> words(String query, @Nullable Float afterRank, @Nullable String afterId, int limit,
			@Nullable String channel, @Nullable String status) {
		return jdbc.sql("""
				select id, rank from (
				    select p.id, ts_rank(p.search, q)::real as rank
				      from product p, websearch_to_tsquery('simple', :query) q
				     where p.search @@ q and %s) hits
				 where cast(:afterId as text) is null or rank < :afterRank or (rank = :afterRank and id > :afterId)
				 order by rank desc, id
				 limit :limit""".formatted(SOLD_IN))
			.param("query", query)
			.param("afterRank", afterRank == null ? 0f : afterRank)
			.param("afterId", afterId)
			.param("channel", channel)
			.param("status", status)
			.param("limit", limit)
			.query((rs, n) -> new Hit(rs.getString("id"), rs.getFloat("rank")))
			.list();
	}

	/** The product (at most one) that has a variant with this value in the column. */
	public List<Hit> exact(String column, String value, @Nullable String channel, @Nullable String status) {
		return jdbc.sql("""
				select p.id from product p join variant v on v.product_id = p.id
				 where v.%s = :value and %s""".formatted(column, SOLD_IN))
			.param("value", value)
			.param("channel", channel)
			.param("status", status)
			.query((rs, n) -> new Hit(rs.getString("id"), 1f))
			.list();
	}

	/** A product that matched, and how well. */
	public record Hit(String id, float rank) {
	}

}
