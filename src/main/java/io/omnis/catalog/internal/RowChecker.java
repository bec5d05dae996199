package io.omnis.catalog.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.omnis.catalog.ProductStatus;
import io.omnis.kernel.problem.ProblemException;

/**
 * Checks the rows of one import as they stream by: each field by the catalog's rules, and
 * across rows that no SKU or barcode appears twice and that the rows of one product agree
 * on its fields. Refusals name the column; the caller adds the line.
 */
public final class RowChecker {

	private final boolean csv;

	private final @Nullable String currency;

	private final Map<String, Integer> skus = new HashMap<>();

	private final Map<String, Integer> barcodes = new HashMap<>();

	private final Map<String, ProductFields> products = new HashMap<>();

	/**
	 * @param csv whether columns are named as in CSV (else as in JSON)
	 * @param currency the currency of the price list prices go to, {@code null} when
	 * there is none
	 */
	public RowChecker(boolean csv, @Nullable String currency) {
		this.csv = csv;
		this.currency = currency;
	}

	public ImportRow check(Cells cells, int line) {
		String handle = Fields.handle(cells.text(Column.HANDLE), name(Column.HANDLE));
		String status = cells.text(Column.STATUS);
		if (status != null) {
			try {
				status = ProductStatus.valueOf(status.strip()).name();
			}
			catch (IllegalArgumentException ex) {
				throw ProblemException.invalidField(name(Column.STATUS), "must be DRAFT, ACTIVE or ARCHIVED");
			}
		}
		String title = cells.text(Column.TITLE);
		title = title == null ? null : Fields.title(title, name(Column.TITLE));
		String description = cells.text(Column.DESCRIPTION);
		description = cells.has(Column.DESCRIPTION) ? Fields.description(description, name(Column.DESCRIPTION)) : null;
		Map<String, Object> attributes = cells.object(Column.ATTRIBUTES);
		String attributesJson = attributes == null ? null
				: Json.write(Fields.attributes(attributes, name(Column.ATTRIBUTES)));
		String sku = Fields.sku(cells.text(Column.SKU), name(Column.SKU));
		String barcode = Fields.barcode(cells.text(Column.BARCODE), name(Column.BARCODE));
		Map<String, Object> options = cells.object(Column.OPTIONS);
		String optionsJson = options == null ? null
				: Json.write(Fields.options(strings(options), name(Column.OPTIONS)));
		Integer weight = Fields.weight(cells.integer(Column.WEIGHT), name(Column.WEIGHT));
		String category = cells.text(Column.TAX_CATEGORY);
		category = category == null ? null : Fields.taxCategory(category, name(Column.TAX_CATEGORY));
		Long price = price(cells);

		Integer skuLine = skus.putIfAbsent(sku, line);
		if (skuLine != null) {
			throw ProblemException.invalidField(name(Column.SKU), "'" + sku + "' is also on " + where(skuLine));
		}
		if (barcode != null) {
			Integer barcodeLine = barcodes.putIfAbsent(barcode, line);
			if (barcodeLine != null) {
				throw ProblemException.invalidField(name(Column.BARCODE),
						"'" + barcode + "' is also on " + where(barcodeLine));
			}
		}
		ProductFields fields = new ProductFields(line, status, title, description, attributesJson);
		ProductFields first = products.putIfAbsent(handle, fields);
		if (first != null) {
			first.agreeWith(fields);
		}
		return new ImportRow(line, handle, status, title, description, attributesJson, sku, barcode, optionsJson,
				weight, category, price);
	}

	private @Nullable Long price(Cells cells) {
		if (cells.text(Column.CURRENCY) != null && currency != null
				&& !currency.equals(cells.text(Column.CURRENCY).strip())) {
			throw ProblemException.invalidField(name(Column.CURRENCY), "must be the price list's currency " + currency);
		}
		boolean priced = csv ? cells.text(Column.PRICE) != null : cells.has(Column.PRICE);
		if (!priced) {
			return null;
		}
		if (currency == null) {
			Long price = cells.price("EUR");
			if (price == null) {
				return null;
			}
			throw ProblemException.invalidField(name(Column.PRICE), "needs the priceList parameter to go into");
		}
		Long price = cells.price(currency);
		if (price != null && price < 0) {
			throw ProblemException.invalidField(name(Column.PRICE), "must not be negative");
		}
		return price;
	}

	private String name(Column column) {
		return csv ? column.csv() : column.json();
	}

	private String where(int line) {
		return csv ? "line " + line : "row " + line;
	}

	private static Map<String, String> strings(Map<String, Object> values) {
		Map<String, String> strings = new LinkedHashMap<>();
		values.forEach((key, value) -> strings.put(key, String.valueOf(value)));
		return strings;
	}

	/**
	 * A product's fields as its first row gave them; later rows of the same product may
	 * leave them empty, or repeat them.
	 */
	private final class ProductFields {

		private final int line;

		private final @Nullable String status;

		private final @Nullable String title;

		private final @Nullable String description;

		private final @Nullable String attributes;

		ProductFields(int line, @Nullable String status, @Nullable String title, @Nullable String description,
				@Nullable String attributes) {
			this.line = line;
			this.status = status;
			this.title = title;
			this.description = description;
			this.attributes = attributes;
		}

		void agreeWith(ProductFields later) {
			same(Column.STATUS, status, later.status);
			same(Column.TITLE, title, later.title);
			same(Column.DESCRIPTION, description == null || description.isEmpty() ? null : description,
					later.description == null || later.description.isEmpty() ? null : later.description);
			same(Column.ATTRIBUTES, attributes, later.attributes);
		}

		private void same(Column column, @Nullable String first, @Nullable String later) {
			if (later != null && !Objects.equals(first, later)) {
				throw ProblemException.invalidField(name(column),
						"differs from the product's first row, " + where(line) + "; leave it empty or repeat it");
			}
		}

	}

}
