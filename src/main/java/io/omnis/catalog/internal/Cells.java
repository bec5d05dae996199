package io.omnis.catalog.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The cells of one raw import row, read as the types the catalog needs; each reader
 * refuses a cell of the wrong type with a problem naming the column.
 */
public interface Cells {

	/** Whether the column is in the file at all (a CSV header may leave it out). */
	boolean has(Column column);

	@Nullable String text(Column column);

	@Nullable Integer integer(Column column);

	/**
	 * An object of the values in the cell: a JSON object, or {@code key=value;…} in CSV.
	 */
	@Nullable Map<String, Object> object(Column column);

	/** The price in minor units of the currency (a decimal amount in CSV). */
	@Nullable Long price(String currency);

}
