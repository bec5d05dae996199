package io.omnis.bench.workload;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.omnis.bench.Api;
import io.omnis.bench.Baseline;
import io.omnis.bench.Bench;
import io.omnis.bench.Workload;

/**
 * Imports a catalog in bulk the way a merchant's ERP does each night: one CSV of
 * {@code 10 × scale} new products (100,000 in full mode), each with one variant, a GTIN
 * and a price, through the public API, all or nothing.
 */
public class CatalogImport implements Workload {

	private static final int BATCH = 1_000;

	private String priceList = "";

	private int products;

	@Override
	public String name() {
		return "catalog-import";
	}

	@Override
	public String operation() {
		return "POST /api/v1/catalog/import of a CSV of " + products
				+ " new products (variant, GTIN, price each), one transaction";
	}

	@Override
	public int concurrency() {
		return 1;
	}

	@Override
	public int itemsPerOperation() {
		return products;
	}

	@Override
	public void setUp(Bench bench) throws Exception {
		products = bench.mode().scale() * 10;
		priceList = Api.json(bench.api().post("/api/v1/catalog/price-lists", """
				{"name":"bench-import-%d","currency":"EUR","taxInclusive":true}""".formatted(System.nanoTime()), null))
			.get("id")
			.asString();
	}

	@Override
	public void run(Bench bench, long n) throws Exception {
		StringBuilder csv = new StringBuilder(products * 120);
		csv.append("handle,status,title,description,attributes,sku,barcode,options,tax_category,price\n");
		for (int i = 0; i < products; i++) {
			Row row = new Row(n, i);
			csv.append(row.handle())
				.append(",ACTIVE,")
				.append(row.title())
				.append(",A product imported by the benchmark,brand=Omnis;origin=PT,")
				.append(row.sku())
				.append(',')
				.append(row.gtin())
				.append(",size=M,standard,")
				.append(row.price() / 100)
				.append('.')
				.append(String.format("%02d", row.price() % 100))
				.append('\n');
		}
		bench.api()
			.post("/api/v1/catalog/import?priceList=" + priceList, "text/csv",
					csv.toString().getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5));
	}

	@Override
	public Baseline baseline(Bench bench) {
		return new Baseline() {

			@Override
			public String description() {
				return "the same rows by JDBC multi-row INSERTs of " + BATCH
						+ " rows into scratch copies of product, variant and price (indexes included)";
			}

			@Override
			public void setUp(Connection connection) throws SQLException {
				try (Statement ddl = connection.createStatement()) {
					ddl.execute("create schema if not exists bench_scratch");
					for (String table : new String[] { "price", "variant", "product" }) {
						ddl.execute("drop table if exists bench_scratch." + table);
					}
					for (String table : new String[] { "product", "variant", "price" }) {
						ddl.execute(
								"create table bench_scratch.%1$s (like public.%1$s including all)".formatted(table));
					}
				}
			}

			@Override
			public void run(Connection connection, long n) throws SQLException {
				for (int start = 0; start < products; start += BATCH) {
					int count = Math.min(BATCH, products - start);
					insert(connection, n, start, count, "bench_scratch.product",
							"""
									(id, handle, status, title, description, attributes, images, all_channels, created_at, updated_at)""",
							"(?, ?, 'ACTIVE', ?, 'A product imported by the benchmark', "
									+ "'{\"brand\":\"Omnis\",\"origin\":\"PT\"}', '[]', true, now(), now())",
							(statement, index, row) -> {
								statement.setString(index, row.productId());
								statement.setString(index + 1, row.handle());
								statement.setString(index + 2, row.title());
								return 3;
							});
					insert(connection, n, start, count, "bench_scratch.variant", """
							(id, product_id, sku, barcode, options, tax_category, created_at, updated_at)""",
							"(?, ?, ?, ?, '{\"size\":\"M\"}', 'standard', now(), now())", (statement, index, row) -> {
								statement.setString(index, row.variantId());
								statement.setString(index + 1, row.productId());
								statement.setString(index + 2, row.sku());
								statement.setString(index + 3, row.gtin());
								return 4;
							});
					insert(connection, n, start, count, "bench_scratch.price", "(price_list_id, variant_id, amount)",
							"('" + priceList + "', ?, ?)", (statement, index, row) -> {
								statement.setString(index, row.variantId());
								statement.setLong(index + 1, row.price());
								return 2;
							});
				}
			}

		};
	}

	private static void insert(Connection connection, long n, int start, int count, String table, String columns,
			String values, Binder binder) throws SQLException {
		String sql = "insert into " + table + " " + columns + " values "
				+ String.join(",", java.util.Collections.nCopies(count, values));
		try (PreparedStatement insert = connection.prepareStatement(sql)) {
			int index = 1;
			for (int i = start; i < start + count; i++) {
				index += binder.bind(insert, index, new Row(n, i));
			}
			insert.executeUpdate();
		}
	}

	/** Sets one row's parameters from the given index on, and says how many it set. */
	private interface Binder {

		int bind(PreparedStatement statement, int index, Row row) throws SQLException;

	}

	/** The i-th product of the n-th import, the same in the API run and the baseline. */
	private record Row(long n, int i) {

		String handle() {
			return "imp-" + n + "-" + i;
		}

		String title() {
			return "Imported product " + n + "-" + i;
		}

		String sku() {
			return "IMP-" + n + "-" + i;
		}

		String productId() {
			return "prd_bench" + String.format("%021d", n * 10_000_000L + i);
		}

		String variantId() {
			return "var_bench" + String.format("%021d", n * 10_000_000L + i);
		}

		/** A GTIN-13 unique to the row: 20 (in-store numbers) then n and i. */
		String gtin() {
			String digits = "20" + String.format("%03d%07d", n % 1000, i);
			int sum = 0;
			for (int d = digits.length() - 1, weight = 3; d >= 0; d--, weight = 4 - weight) {
				sum += (digits.charAt(d) - '0') * weight;
			}
			return digits + (10 - sum % 10) % 10;
		}

		long price() {
			return 199 + (i % 5000);
		}

	}

}
