package io.omnis.catalog.internal;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fields of an import row: one row per variant, with its product's fields. The CSV
 * header names them in snake case, JSON rows in camel case.
 */
public enum Column {

	HANDLE("handle", "handle"), STATUS("status", "status"), TITLE("title", "title"),
	DESCRIPTION("description", "description"), ATTRIBUTES("attributes", "attributes"), SKU("sku", "sku"),
	BARCODE("barcode", "barcode"), OPTIONS("options", "options"), WEIGHT("weight_grams", "weightGrams"),
	TAX_CATEGORY("tax_category", "taxCategory"), PRICE("price", "price"), CURRENCY("currency", "currency");

	private final String csv;

	private final String json;

	Column(String csv, String json) {
		this.csv = csv;
		this.json = json;
	}

	public String csv() {
		return csv;
	}

	public String json() {
		return json;
	}

	public static Optional<Column> ofCsv(String name) {
		return Arrays.stream(values()).filter(c -> c.csv.equals(name)).findFirst();
	}

	public static Optional<Column> ofJson(String name) {
		return Arrays.stream(values()).filter(c -> c.json.equals(name)).findFirst();
	}

}
