package io.omnis.catalog.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.catalog.KitComponent;
import io.omnis.catalog.PriceList;
import io.omnis.catalog.PriceListId;
import io.omnis.catalog.ProductId;
import io.omnis.catalog.ProductStatus;
import io.omnis.catalog.TaxRate;
import io.omnis.catalog.Variant;
import io.omnis.catalog.VariantId;
import io.omnis.channel.ChannelId;
import io.omnis.kernel.Money;
import io.omnis.kernel.database.ArrayParameters;

/**
 * Everything the quotes of several SKUs need, in one statement: each variant with its kit
 * components, its product's status and assortment, the price that applies (the same
 * choice as {@link PriceStore#applicable}) and the tax rate (as {@link PriceStore#rate}).
 */
@Repository
public class QuoteStore {

	private final JdbcClient jdbc;

	QuoteStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Row> rows(List<String> skus, @Nullable ChannelId channel, String currency, Instant at, String country,
			@Nullable String region) {
		// The SKUs as one parameter each, so that the statement is planned once per
		// connection: a custom plan cost four times the execution (ADR 0026)
		return jdbc
			.sql("""
					select s.sku as wanted, v.id, v.product_id, v.sku, v.barcode, v.options, v.weight_grams,
					       v.tax_category, p.handle, p.status,
					       :channel = '' or p.all_channels
					       or exists (select 1 from product_channel c where c.product_id = p.id and c.channel_id = :channel)
					         as sold_in,
					       k.component_ids, k.component_skus, k.component_quantities,
					       a.list_id, a.list_name, a.list_currency, a.list_channels, a.valid_from, a.valid_until,
					       a.tax_inclusive, a.priority, a.list_created_at, a.list_updated_at, a.amount,
					       r.country as rate_country, r.region as rate_region, r.category as rate_category, r.rate
					  from unnest(%s) as s(sku)
					  left join variant v on v.sku = s.sku
					  left join product p on p.id = v.product_id
					  left join lateral (
					       select array_agg(kc.component_id order by c.sku) as component_ids,
					              array_agg(c.sku order by c.sku) as component_skus,
					              array_agg(kc.quantity order by c.sku) as component_quantities
					         from kit_component kc join variant c on c.id = kc.component_id
					        where kc.kit_id = v.id) k on true
					  left join lateral (
					       select l.id as list_id, l.name as list_name, l.currency as list_currency,
					              l.channel_ids as list_channels, l.valid_from, l.valid_until, l.tax_inclusive,
					              l.priority, l.created_at as list_created_at, l.updated_at as list_updated_at, pr.amount
					         from price pr join price_list l on l.id = pr.price_list_id
					        where pr.variant_id = v.id and l.currency = :currency
					          and (l.valid_from is null or l.valid_from <= :at)
					          and (l.valid_until is null or l.valid_until > :at)
					          and (cardinality(l.channel_ids) = 0 or :channel = any (l.channel_ids))
					        order by cardinality(l.channel_ids) > 0 desc, l.priority desc, l.id desc
					        limit 1) a on true
					  left join lateral (
					       select * from tax_rate t
					        where t.country = :country and t.category = v.tax_category
					          and (t.region is null or t.region = :region)
					        order by t.region nulls last limit 1) r on true"""
				.formatted(ArrayParameters.textArray("skus", skus.size())))
			.param("skus", ArrayParameters.values(skus))
			.param("channel", channel == null ? "" : channel.value())
			.param("currency", currency)
			.param("at", Timestamp.from(at))
			.param("country", country)
			.param("region", region == null ? "" : region)
			.query((rs, n) -> row(rs, currency))
			.list();
	}

	private static Row row(ResultSet rs, String currency) throws SQLException {
		String wanted = rs.getString("wanted");
		String id = rs.getString("id");
		if (id == null) {
			return new Row(wanted, null, null, null, false, null, null);
		}
		List<KitComponent> components = new ArrayList<>();
		Array ids = rs.getArray("component_ids");
		if (ids != null) {
			String[] variantIds = (String[]) ids.getArray();
			String[] skus = (String[]) rs.getArray("component_skus").getArray();
			Integer[] quantities = (Integer[]) rs.getArray("component_quantities").getArray();
			for (int i = 0; i < variantIds.length; i++) {
				components.add(new KitComponent(new VariantId(variantIds[i]), skus[i], quantities[i]));
			}
		}
		int weight = rs.getInt("weight_grams");
		Variant variant = new Variant(new VariantId(id), new ProductId(rs.getString("product_id")), rs.getString("sku"),
				rs.getString("barcode"), options(rs.getString("options")), rs.wasNull() ? null : weight,
				rs.getString("tax_category"), components);
		PriceStore.Applicable applicable = null;
		if (rs.getString("list_id") != null) {
			PriceList list = new PriceList(new PriceListId(rs.getString("list_id")), rs.getString("list_name"),
					rs.getString("list_currency"),
					Arrays.stream((String[]) rs.getArray("list_channels").getArray()).map(ChannelId::new).toList(),
					instant(rs.getTimestamp("valid_from")), instant(rs.getTimestamp("valid_until")),
					rs.getBoolean("tax_inclusive"), rs.getInt("priority"),
					rs.getTimestamp("list_created_at").toInstant(), rs.getTimestamp("list_updated_at").toInstant());
			applicable = new PriceStore.Applicable(list, Money.of(rs.getLong("amount"), currency));
		}
		TaxRate rate = null;
		BigDecimal value = rs.getBigDecimal("rate");
		if (value != null) {
			BigDecimal stripped = value.stripTrailingZeros();
			rate = new TaxRate(rs.getString("rate_country"), rs.getString("rate_region"), rs.getString("rate_category"),
					stripped.scale() < 0 ? stripped.setScale(0) : stripped);
		}
		return new Row(wanted, variant, rs.getString("handle"), ProductStatus.valueOf(rs.getString("status")),
				rs.getBoolean("sold_in"), applicable, rate);
	}

	/** A variant's options; most have none, and those need no JSON parser. */
	private static Map<String, String> options(String json) {
		return "{}".equals(json) ? new LinkedHashMap<>() : Json.strings(json);
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/**
	 * What the catalog knows of one SKU asked for: nothing ({@code variant} null) when no
	 * variant has it; else its product's handle, status and assortment, the price that
	 * applies and the tax rate, each null when there is none.
	 */
	public record Row(String wanted, @Nullable Variant variant, @Nullable String handle, @Nullable ProductStatus status,
			boolean soldIn, PriceStore.@Nullable Applicable applicable, @Nullable TaxRate rate) {
	}

}
