package io.omnis.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.omnis.catalog.KitComponent;
import io.omnis.catalog.Product;
import io.omnis.catalog.ProductId;
import io.omnis.catalog.ProductStatus;
import io.omnis.catalog.Variant;
import io.omnis.catalog.VariantId;
import io.omnis.channel.ChannelId;

/**
 * The product, variant, kit_component and product_channel tables.
 */
@Repository
public class ProductStore {

	private final JdbcClient jdbc;

	public ProductStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(Product product) {
		jdbc.sql("""
				insert into product (id, handle, status, title, description, attributes, images, all_channels,
				                     created_at, updated_at)
				values (:id, :handle, :status, :title, :description, cast(:attributes as jsonb),
				        cast(:images as jsonb), true, :createdAt, :updatedAt)""")
			.param("id", product.id().value())
			.param("handle", product.handle())
			.param("status", product.status().name())
			.param("title", product.title())
			.param("description", product.description())
			.param("attributes", Json.write(product.attributes()))
			.param("images", Json.write(product.images()))
			.param("createdAt", Timestamp.from(product.createdAt()))
			.param("updatedAt", Timestamp.from(product.updatedAt()))
			.update();
	}

	public void update(Product product) {
		jdbc.sql("""
				update product set handle = :handle, status = :status, title = :title, description = :description,
				       attributes = cast(:attributes as jsonb), images = cast(:images as jsonb), updated_at = :updatedAt
				 where id = :id""")
			.param("id", product.id().value())
			.param("handle", product.handle())
			.param("status", product.status().name())
			.param("title", product.title())
			.param("description", product.description())
			.param("attributes", Json.write(product.attributes()))
			.param("images", Json.write(product.images()))
			.param("updatedAt", Timestamp.from(product.updatedAt()))
			.update();
	}

	public void delete(ProductId id) {
		jdbc.sql("delete from product where id = :id").param("id", id.value()).update();
	}

	public void insert(Variant variant) {
		jdbc.sql(
				"""
						insert into variant (id, product_id, sku, barcode, options, weight_grams, tax_category, created_at,
						                     updated_at)
						values (:id, :productId, :sku, :barcode, cast(:options as jsonb), :weight, :taxCategory, now(), now())""")
			.param("id", variant.id().value())
			.param("productId", variant.productId().value())
			.param("sku", variant.sku())
			.param("barcode", variant.barcode())
			.param("options", Json.write(variant.options()))
			.param("weight", variant.weightGrams())
			.param("taxCategory", variant.taxCategory())
			.update();
		replaceComponents(variant);
	}

	public void update(Variant variant) {
		jdbc.sql("""
				update variant set sku = :sku, barcode = :barcode, options = cast(:options as jsonb),
				       weight_grams = :weight, tax_category = :taxCategory, updated_at = now()
				 where id = :id""")
			.param("id", variant.id().value())
			.param("sku", variant.sku())
			.param("barcode", variant.barcode())
			.param("options", Json.write(variant.options()))
			.param("weight", variant.weightGrams())
			.param("taxCategory", variant.taxCategory())
			.update();
		replaceComponents(variant);
	}

	public void delete(VariantId id) {
		jdbc.sql("delete from variant where id = :id").param("id", id.value()).update();
	}

	private void replaceComponents(Variant kit) {
		jdbc.sql("delete from kit_component where kit_id = :id").param("id", kit.id().value()).update();
		for (KitComponent component : kit.components()) {
			jdbc.sql("insert into kit_component (kit_id, component_id, quantity) values (:kit, :component, :quantity)")
				.param("kit", kit.id().value())
				.param("component", component.variantId().value())
				.param("quantity", component.quantity())
				.update();
		}
	}

	public void assort(ProductId id, boolean allChannels, Collection<ChannelId> channels) {
		jdbc.sql("update product set all_channels = :all, updated_at = now() where id = :id")
			.param("id", id.value())
			.param("all", allChannels)
			.update();
		jdbc.sql("delete from product_channel where product_id = :id").param("id", id.value()).update();
		for (ChannelId channel : channels) {
			jdbc.sql("insert into product_channel (product_id, channel_id) values (:id, :channel)")
				.param("id", id.value())
				.param("channel", channel.value())
				.update();
		}
	}

	/** The product with its variants, locked for update when {@code lock} is set. */
	public Optional<Product> find(ProductId id, boolean lock) {
		return jdbc.sql("select * from product where id = :id" + (lock ? " for update" : ""))
			.param("id", id.value())
			.query(ProductStore::productRow)
			.optional()
			.map(row -> assemble(List.of(row)).getFirst());
	}

	public Optional<ProductId> idByHandle(String handle) {
		return jdbc.sql("select id from product where handle = :handle")
			.param("handle", handle)
			.query((rs, n) -> new ProductId(rs.getString(1)))
			.optional();
	}

	public Optional<Variant> variantBySku(String sku) {
		return variants("v.sku = :value", sku).stream().findFirst();
	}

	/**
	 * What a price quote needs to know of a SKU, in one statement: its variant, its
	 * product's handle and status, and whether the product is sold in the channel (always
	 * when no channel is given).
	 */
	public Optional<Saleable> saleable(String sku, @Nullable ChannelId channel) {
		return jdbc.sql("""
				select v.id, v.sku, v.tax_category, p.id as product_id, p.handle, p.status,
				       :channel = '' or p.all_channels
				       or exists (select 1 from product_channel c where c.product_id = p.id and c.channel_id = :channel)
				         as sold_in
				  from variant v join product p on p.id = v.product_id
				 where v.sku = :sku""")
			.param("sku", sku)
			.param("channel", channel == null ? "" : channel.value())
			.query((rs, n) -> new Saleable(new VariantId(rs.getString("id")), rs.getString("sku"),
					new ProductId(rs.getString("product_id")), rs.getString("handle"),
					ProductStatus.valueOf(rs.getString("status")), rs.getString("tax_category"),
					rs.getBoolean("sold_in")))
			.optional();
	}

	/** A SKU as a price quote sees it (see {@link #saleable}). */
	public record Saleable(VariantId variant, String sku, ProductId product, String handle, ProductStatus status,
			String taxCategory, boolean soldIn) {
	}

	public Optional<Variant> variantByBarcode(String barcode) {
		return variants("v.barcode = :value", barcode).stream().findFirst();
	}

	/** Whether another variant than {@code except} uses the SKU or the barcode. */
	public boolean taken(String column, String value, @Nullable VariantId except) {
		return jdbc.sql("select count(*) from variant where " + column + " = :value and id <> :except")
			.param("value", value)
			.param("except", except == null ? "" : except.value())
			.query(Long.class)
			.single() > 0;
	}

	public boolean handleTaken(String handle, @Nullable ProductId except) {
		return jdbc.sql("select count(*) from product where handle = :handle and id <> :except")
			.param("handle", handle)
			.param("except", except == null ? "" : except.value())
			.query(Long.class)
			.single() > 0;
	}

	/** The SKUs of the kits the variant is a component of. */
	public List<String> kitsContaining(VariantId component) {
		return jdbc.sql("""
				select v.sku from kit_component k join variant v on v.id = k.kit_id
				 where k.component_id = :id order by v.sku""")
			.param("id", component.value())
			.query(String.class)
			.list();
	}

	/** Up to {@code limit} products after the given id, in id (creation) order. */
	public List<Product> list(@Nullable String after, int limit, @Nullable ProductStatus status) {
		return assemble(jdbc.sql("""
				select * from product
				 where id > :after and (:status::text is null or status = :status)
				 order by id limit :limit""")
			.param("after", after == null ? "" : after)
			.param("status", status == null ? null : status.name())
			.param("limit", limit)
			.query(ProductStore::productRow)
			.list());
	}

	/** The products with these ids, in the order given. */
	public List<Product> byIds(List<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<String, Product> byId = assemble(jdbc.sql("select * from product where id in (:ids)")
			.param("ids", ids)
			.query(ProductStore::productRow)
			.list()).stream().collect(Collectors.toMap(p -> p.id().value(), p -> p));
		return ids.stream().map(byId::get).filter(p -> p != null).toList();
	}

	private List<Variant> variants(String condition, Object value) {
		List<VariantRow> rows = jdbc.sql("select v.* from variant v where " + condition + " order by v.id")
			.param("value", value)
			.query(ProductStore::variantRow)
			.list();
		return withComponents(rows);
	}

	private List<Product> assemble(List<ProductRow> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		List<String> ids = rows.stream().map(ProductRow::id).toList();
		Map<String, List<Variant>> variants = withComponents(
				jdbc.sql("select v.* from variant v where v.product_id in (:ids) order by v.id")
					.param("ids", ids)
					.query(ProductStore::variantRow)
					.list())
			.stream()
			.collect(Collectors.groupingBy(v -> v.productId().value(), LinkedHashMap::new, Collectors.toList()));
		Map<String, List<ChannelId>> channels = jdbc
			.sql("select product_id, channel_id from product_channel where product_id in (:ids) order by channel_id")
			.param("ids", ids)
			.query((rs, n) -> Map.entry(rs.getString(1), new ChannelId(rs.getString(2))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return rows.stream()
			.map(row -> row.product(channels.getOrDefault(row.id(), List.of()),
					variants.getOrDefault(row.id(), List.of())))
			.toList();
	}

	private List<Variant> withComponents(List<VariantRow> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<String, List<KitComponent>> components = jdbc.sql("""
				select k.kit_id, k.component_id, c.sku, k.quantity
				  from kit_component k join variant c on c.id = k.component_id
				 where k.kit_id in (:ids) order by c.sku""")
			.param("ids", rows.stream().map(VariantRow::id).toList())
			.query((rs, n) -> Map.entry(rs.getString(1),
					new KitComponent(new VariantId(rs.getString(2)), rs.getString(3), rs.getInt(4))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return rows.stream().map(row -> row.variant(components.getOrDefault(row.id(), List.of()))).toList();
	}

	static ProductRow productRow(ResultSet rs, int n) throws SQLException {
		return new ProductRow(rs.getString("id"), rs.getString("handle"), rs.getString("status"), rs.getString("title"),
				rs.getString("description"), rs.getString("attributes"), rs.getString("images"),
				rs.getBoolean("all_channels"), rs.getTimestamp("created_at"), rs.getTimestamp("updated_at"));
	}

	private static VariantRow variantRow(ResultSet rs, int n) throws SQLException {
		int weight = rs.getInt("weight_grams");
		return new VariantRow(rs.getString("id"), rs.getString("product_id"), rs.getString("sku"),
				rs.getString("barcode"), rs.getString("options"), rs.wasNull() ? null : weight,
				rs.getString("tax_category"));
	}

	record ProductRow(String id, String handle, String status, String title, String description, String attributes,
			String images, boolean allChannels, Timestamp createdAt, Timestamp updatedAt) {

		Product product(List<ChannelId> channels, List<Variant> variants) {
			return new Product(new ProductId(id), handle, ProductStatus.valueOf(status), title, description,
					Json.object(attributes), Json.images(images), allChannels, channels, new ArrayList<>(variants),
					createdAt.toInstant(), updatedAt.toInstant());
		}

	}

	private record VariantRow(String id, String productId, String sku, @Nullable String barcode, String options,
			@Nullable Integer weight, String taxCategory) {

		Variant variant(List<KitComponent> components) {
			return new Variant(new VariantId(id), new ProductId(productId), sku, barcode, Json.strings(options), weight,
					taxCategory, components);
		}

	}

}
