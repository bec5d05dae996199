package io.omnis.catalog.internal;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The raw rows of an import, read from CSV records or JSON objects.
 */
public final class ImportRows {

	private ImportRows() {
	}

	/** The columns of a CSV header row (see {@link CsvCells#header}). */
	public static Map<Column, Integer> header(List<String> names) {
		return CsvCells.header(names);
	}

	public static Cells csv(Map<Column, Integer> header, List<String> values) {
		return new CsvCells(header, values);
	}

	public static Cells json(JsonNode row) {
		return new JsonCells(row);
	}

}
