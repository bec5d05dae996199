package io.omnis.catalog.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import io.omnis.catalog.PriceListId;
import io.omnis.catalog.ProductId;
import io.omnis.catalog.VariantId;
import io.omnis.kernel.problem.FieldError;

/**
 * Writes checked import rows into the catalog in bulk: they stream into a temporary table
 * through COPY, are checked against what is stored, and are then upserted by handle and
 * SKU with a few set-based statements, in the caller's transaction.
 */
@Component
public class BulkImport {

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	BulkImport(DataSource dataSource, JdbcClient jdbc) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
	}

	/**
	 * Starts an import whose file has the given columns (the others keep their stored
	 * values). Must run in a transaction.
	 */
	public Load start(Set<Column> columns) {
		jdbc.sql("drop table if exists catalog_import").update();
		jdbc.sql("""
				create temporary table catalog_import (
				    line integer, handle text, status text, title text, description text, attributes jsonb,
				    sku text, barcode text, options jsonb, weight_grams integer, tax_category text, price bigint,
				    product_id text, variant_id text) on commit drop""").update();
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			PGCopyOutputStream copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
					"copy catalog_import from stdin", 1 << 16);
			return new Load(columns, copy);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not start COPY", ex);
		}
	}

	/** Rows on their way into the temporary table. */
	public final class Load {

		private final Set<Column> columns;

		private final PGCopyOutputStream copy;

		private final Writer out;

		Load(Set<Column> columns, PGCopyOutputStream copy) {
			this.columns = columns;
			this.copy = copy;
			this.out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
		}

		public void add(ImportRow row) {
			try {
				out.write(Integer.toString(row.line()));
				field(row.handle());
				field(row.status());
				field(row.title());
				field(row.description());
				field(row.attributes());
				field(row.sku());
				field(row.barcode());
				field(row.options());
				field(row.weightGrams() == null ? null : row.weightGrams().toString());
				field(row.taxCategory());
				field(row.price() == null ? null : row.price().toString());
				field(ProductId.next().value());
				field(VariantId.next().value());
				out.write('\n');
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * Drops what was loaded: nothing of it is written to the catalog. The connection
		 * cannot be used, nor the transaction rolled back, while a COPY is open, so every
		 * failure must come through here.
		 */
		public void cancel() {
			if (!copy.isActive()) {
				return;
			}
			try {
				copy.cancelCopy();
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not cancel COPY", ex);
			}
		}

		/**
		 * The rows that contradict what is stored (up to 100), or, when there are none,
		 * the counts of what the upsert wrote.
		 */
		public Outcome finish(@Nullable PriceListId priceList) {
			try {
				out.flush();
				copy.endCopy();
			}
			catch (IOException | SQLException ex) {
				throw new IllegalStateException("Could not finish COPY", ex);
			}
			jdbc.sql("analyze catalog_import").update();
			List<LineError> conflicts = conflicts();
			if (!conflicts.isEmpty()) {
				return new Outcome(conflicts, 0, 0, 0, 0, 0);
			}
			long[] products = upsertProducts();
			long[] variants = upsertVariants();
			long prices = priceList == null ? 0
					: jdbc.sql("""
							insert into price (price_list_id, variant_id, amount)
							select :list, v.id, i.price from catalog_import i join variant v on v.sku = i.sku
							 where i.price is not null
							on conflict (price_list_id, variant_id) do update set amount = excluded.amount""")
						.param("list", priceList.value())
						.update();
			return new Outcome(List.of(), products[0], products[1], variants[0], variants[1], prices);
		}

		private List<LineError> conflicts() {
			return jdbc
				.sql("""
						(select i.line, 'sku' as field, 'belongs to product ''' || p.handle || ''', not ''' || i.handle || '''' as message
						   from catalog_import i join variant v on v.sku = i.sku join product p on p.id = v.product_id
						  where p.handle <> i.handle
						  order by i.line limit 100)
						union all
						(select i.line, 'barcode', 'is already the barcode of SKU ''' || v.sku || ''''
						   from catalog_import i join variant v on v.barcode = i.barcode
						  where v.sku <> i.sku
						  order by i.line limit 100)
						union all
						(select f.line, 'title', 'is required for a new product'
						   from (select distinct on (handle) * from catalog_import order by handle, line) f
						   left join product p on p.handle = f.handle
						  where p.id is null and f.title is null
						  order by f.line limit 100)
						union all
						(select f.line, 'status', 'cannot go back to DRAFT from ' || p.status
						   from (select distinct on (handle) * from catalog_import order by handle, line) f
						   join product p on p.handle = f.handle
						  where f.status = 'DRAFT' and p.status <> 'DRAFT'
						  order by f.line limit 100)
						order by 1 limit 100""")
				.query((rs, n) -> new LineError(rs.getInt(1), rs.getString(2), rs.getString(3)))
				.list();
		}

		private long[] upsertProducts() {
			String description = columns.contains(Column.DESCRIPTION) ? "coalesce(f.description, '')"
					: "coalesce(p.description, '')";
			String attributes = columns.contains(Column.ATTRIBUTES) ? "coalesce(f.attributes, '{}')"
					: "coalesce(p.attributes, '{}')";
			return counts("""
					with upserted as (
					    insert into product (id, handle, status, title, description, attributes, images, all_channels,
					                         created_at, updated_at)
					    select coalesce(p.id, f.product_id), f.handle, coalesce(f.status, p.status, 'DRAFT'),
					           coalesce(f.title, p.title), %s, %s, coalesce(p.images, '[]'),
					           coalesce(p.all_channels, true), coalesce(p.created_at, now()), now()
					      from (select distinct on (handle) * from catalog_import order by handle, line) f
					      left join product p on p.handle = f.handle
					    on conflict (handle) do update set status = excluded.status, title = excluded.title,
					           description = excluded.description, attributes = excluded.attributes,
					           updated_at = excluded.updated_at
					    returning xmax = 0 as inserted)
					select count(*) filter (where inserted), count(*) filter (where not inserted) from upserted"""
				.formatted(description, attributes));
		}

		private long[] upsertVariants() {
			String barcode = columns.contains(Column.BARCODE) ? "i.barcode" : "v.barcode";
			String options = columns.contains(Column.OPTIONS) ? "coalesce(i.options, '{}')"
					: "coalesce(v.options, '{}')";
			String weight = columns.contains(Column.WEIGHT) ? "i.weight_grams" : "v.weight_grams";
			String category = columns.contains(Column.TAX_CATEGORY) ? "coalesce(i.tax_category, 'standard')"
					: "coalesce(v.tax_category, 'standard')";
			return counts("""
					with upserted as (
					    insert into variant (id, product_id, sku, barcode, options, weight_grams, tax_category,
					                         created_at, updated_at)
					    select coalesce(v.id, i.variant_id), p.id, i.sku, %s, %s, %s, %s, coalesce(v.created_at, now()),
					           now()
					      from catalog_import i join product p on p.handle = i.handle
					      left join variant v on v.sku = i.sku
					    on conflict (sku) do update set barcode = excluded.barcode, options = excluded.options,
					           weight_grams = excluded.weight_grams, tax_category = excluded.tax_category,
					           updated_at = excluded.updated_at
					    returning xmax = 0 as inserted)
					select count(*) filter (where inserted), count(*) filter (where not inserted) from upserted"""
				.formatted(barcode, options, weight, category));
		}

		private long[] counts(String sql) {
			return jdbc.sql(sql).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		}

		private void field(@Nullable String value) throws IOException {
			out.write('\t');
			if (value == null) {
				out.write("\\N");
				return;
			}
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				switch (c) {
					case '\\' -> out.write("\\\\");
					case '\t' -> out.write("\\t");
					case '\n' -> out.write("\\n");
					case '\r' -> out.write("\\r");
					default -> out.write(c);
				}
			}
		}

	}

	/** A row that contradicts the stored catalog. */
	public record LineError(int line, String field, String message) {
	}

	/** What an import found or wrote. */
	public record Outcome(List<LineError> conflicts, long productsCreated, long productsUpdated, long variantsCreated,
			long variantsUpdated, long pricesSet) {

		public List<FieldError> errors(java.util.function.IntFunction<String> where) {
			return conflicts.stream()
				.map(e -> new FieldError(where.apply(e.line()) + "." + e.field(), e.message()))
				.toList();
		}

	}

}
