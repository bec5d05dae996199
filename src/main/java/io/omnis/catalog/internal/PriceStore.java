package io.omnis.catalog.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.catalog.Price;
import io.omnis.catalog.PriceList;
import io.omnis.catalog.PriceListId;
import io.omnis.catalog.TaxRate;
import io.omnis.catalog.VariantId;
import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;

/**
 * The price_list, price and tax_rate tables, and the query that picks the price that
 * applies.
 */
@Repository
public class PriceStore {

	private final JdbcClient jdbc;

	public PriceStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void save(PriceList list) {
		jdbc.sql("""
				insert into price_list (id, name, currency, channel_ids, valid_from, valid_until, tax_inclusive,
				                        priority, created_at, updated_at)
				values (:id, :name, :currency, :channels, :validFrom, :validUntil, :taxInclusive, :priority,
				        :createdAt, :updatedAt)
				on conflict (id) do update set name = excluded.name, channel_ids = excluded.channel_ids,
				       valid_from = excluded.valid_from, valid_until = excluded.valid_until,
				       tax_inclusive = excluded.tax_inclusive, priority = excluded.priority,
				       updated_at = excluded.updated_at""")
			.param("id", list.id().value())
			.param("name", list.name())
			.param("currency", list.currency())
			.param("channels", list.channels().stream().map(ChannelId::value).toArray(String[]::new))
			.param("validFrom", timestamp(list.validFrom()))
			.param("validUntil", timestamp(list.validUntil()))
			.param("taxInclusive", list.taxInclusive())
			.param("priority", list.priority())
			.param("createdAt", Timestamp.from(list.createdAt()))
			.param("updatedAt", Timestamp.from(list.updatedAt()))
			.update();
	}

	public void delete(PriceListId id) {
		jdbc.sql("delete from price_list where id = :id").param("id", id.value()).update();
	}

	public Optional<PriceList> find(PriceListId id) {
		return jdbc.sql("select * from price_list where id = :id")
			.param("id", id.value())
			.query(PriceStore::listRow)
			.optional();
	}

	public boolean nameTaken(String name, PriceListId except) {
		return jdbc.sql("select count(*) from price_list where lower(name) = lower(:name) and id <> :except")
			.param("name", name)
			.param("except", except.value())
			.query(Long.class)
			.single() > 0;
	}

	public List<PriceList> list(@Nullable String after, int limit) {
		return jdbc.sql("select * from price_list where id > :after order by id limit :limit")
			.param("after", after == null ? "" : after)
			.param("limit", limit)
			.query(PriceStore::listRow)
			.list();
	}

	public void setPrice(PriceListId list, VariantId variant, long amount) {
		jdbc.sql("""
				insert into price (price_list_id, variant_id, amount) values (:list, :variant, :amount)
				on conflict (price_list_id, variant_id) do update set amount = excluded.amount""")
			.param("list", list.value())
			.param("variant", variant.value())
			.param("amount", amount)
			.update();
	}

	public boolean removePrice(PriceListId list, VariantId variant) {
		return jdbc.sql("delete from price where price_list_id = :list and variant_id = :variant")
			.param("list", list.value())
			.param("variant", variant.value())
			.update() > 0;
	}

	/** Up to {@code limit} prices of the list after the given SKU, in SKU order. */
	public List<Price> prices(PriceListId list, @Nullable String afterSku, int limit) {
		return jdbc.sql("""
				select p.price_list_id, p.variant_id, v.sku, p.amount, l.currency
				  from price p join variant v on v.id = p.variant_id join price_list l on l.id = p.price_list_id
				 where p.price_list_id = :list and v.sku > :after
				 order by v.sku limit :limit""")
			.param("list", list.value())
			.param("after", afterSku == null ? "" : afterSku)
			.param("limit", limit)
			.query(PriceStore::priceRow)
			.list();
	}

	/** Every price of the variants, in every list. */
	public List<Price> pricesOf(List<VariantId> variants) {
		if (variants.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select p.price_list_id, p.variant_id, v.sku, p.amount, l.currency
				  from price p join variant v on v.id = p.variant_id join price_list l on l.id = p.price_list_id
				 where p.variant_id in (:variants)
				 order by l.priority desc, l.id""")
			.param("variants", variants.stream().map(VariantId::value).toList())
			.query(PriceStore::priceRow)
			.list();
	}

	/**
	 * The price that applies: among the lists in the currency that are valid at the
	 * instant and price the variant, a list of the channel beats a list for every
	 * channel, then the higher priority wins, then the newer list.
	 */
	public Optional<Applicable> applicable(VariantId variant, String currency, @Nullable ChannelId channel,
			Instant at) {
		return jdbc.sql("""
				select l.*, p.amount
				  from price p join price_list l on l.id = p.price_list_id
				 where p.variant_id = :variant and l.currency = :currency
				   and (l.valid_from is null or l.valid_from <= :at) and (l.valid_until is null or l.valid_until > :at)
				   and (cardinality(l.channel_ids) = 0 or :channel = any (l.channel_ids))
				 order by cardinality(l.channel_ids) > 0 desc, l.priority desc, l.id desc
				 limit 1""")
			.param("variant", variant.value())
			.param("currency", currency)
			.param("channel", channel == null ? "" : channel.value())
			.param("at", Timestamp.from(at))
			.query((rs, n) -> new Applicable(listRow(rs, n), Money.of(rs.getLong("amount"), currency)))
			.optional();
	}

	public void putRate(TaxRate rate) {
		jdbc.sql("""
				insert into tax_rate (country, region, category, rate) values (:country, :region, :category, :rate)
				on conflict (country, coalesce(region, ''), category) do update set rate = excluded.rate""")
			.param("country", rate.country())
			.param("region", rate.region())
			.param("category", rate.category())
			.param("rate", rate.rate())
			.update();
	}

	public boolean removeRate(String country, @Nullable String region, String category) {
		return jdbc.sql("""
				delete from tax_rate
				 where country = :country and coalesce(region, '') = :region and category = :category""")
			.param("country", country)
			.param("region", region == null ? "" : region)
			.param("category", category)
			.update() > 0;
	}

	/**
	 * Up to {@code limit} rates after the given key, ordered by country, region,
	 * category.
	 */
	public List<TaxRate> rates(@Nullable String country, @Nullable String afterKey, int limit) {
		return jdbc.sql("""
				select * from tax_rate
				 where (cast(:country as text) is null or country = :country)
				   and country || '|' || coalesce(region, '') || '|' || category > :after
				 order by country || '|' || coalesce(region, '') || '|' || category limit :limit""")
			.param("country", country)
			.param("after", afterKey == null ? "" : afterKey)
			.param("limit", limit)
			.query(PriceStore::rateRow)
			.list();
	}

	/** The region's own rate for the category, else the country's. */
	public Optional<TaxRate> rate(String country, @Nullable String region, String category) {
		return jdbc.sql("""
				select * from tax_rate
				 where country = :country and category = :category and (region is null or region = :region)
				 order by region nulls last limit 1""")
			.param("country", country)
			.param("region", region == null ? "" : region)
			.param("category", category)
			.query(PriceStore::rateRow)
			.optional();
	}

	private static PriceList listRow(ResultSet rs, int n) throws SQLException {
		Array channels = rs.getArray("channel_ids");
		return new PriceList(new PriceListId(rs.getString("id")), rs.getString("name"), rs.getString("currency"),
				Arrays.stream((String[]) channels.getArray()).map(ChannelId::new).toList(),
				instant(rs.getTimestamp("valid_from")), instant(rs.getTimestamp("valid_until")),
				rs.getBoolean("tax_inclusive"), rs.getInt("priority"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	private static Price priceRow(ResultSet rs, int n) throws SQLException {
		return new Price(new PriceListId(rs.getString("price_list_id")), new VariantId(rs.getString("variant_id")),
				rs.getString("sku"), Money.of(rs.getLong("amount"), rs.getString("currency")));
	}

	private static TaxRate rateRow(ResultSet rs, int n) throws SQLException {
		BigDecimal rate = rs.getBigDecimal("rate").stripTrailingZeros();
		return new TaxRate(rs.getString("country"), rs.getString("region"), rs.getString("category"),
				rate.scale() < 0 ? rate.setScale(0) : rate);
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** A price list that applies, and the variant's amount in it. */
	public record Applicable(PriceList list, Money amount) {
	}

}
