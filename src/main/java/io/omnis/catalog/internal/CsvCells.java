package io.omnis.catalog.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.omnis.kernel.Money;
import io.omnis.kernel.problem.ProblemException;

/**
 * The cells of a CSV record, by the columns its header named; an empty cell is
 * {@code null}.
 */
final class CsvCells implements Cells {

	private final Map<Column, Integer> header;

	private final List<String> values;

	CsvCells(Map<Column, Integer> header, List<String> values) {
		this.header = header;
		this.values = values;
	}

	/**
	 * The columns of a header row, or a problem naming the first unknown or repeated one.
	 */
	static Map<Column, Integer> header(List<String> names) {
		Map<Column, Integer> header = new EnumMap<>(Column.class);
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i).strip();
			if (i == 0 && name.startsWith("\uFEFF")) {
				name = name.substring(1); // the byte order mark spreadsheets write
			}
			String field = "line[1]." + name;
			Column column = Column.ofCsv(name)
				.orElseThrow(() -> ProblemException.invalidField(field, "is not a known column; the columns are "
						+ java.util.Arrays.stream(Column.values()).map(Column::csv).toList()));
			if (header.put(column, i) != null) {
				throw ProblemException.invalidField(field, "is named twice");
			}
		}
		for (Column required : List.of(Column.HANDLE, Column.SKU)) {
			if (!header.containsKey(required)) {
				throw ProblemException.invalidField("line[1]." + required.csv(), "is a required column");
			}
		}
		return header;
	}

	@Override
	public boolean has(Column column) {
		return header.containsKey(column);
	}

	@Override
	public @Nullable String text(Column column) {
		Integer index = header.get(column);
		if (index == null) {
			return null;
		}
		String value = values.get(index);
		return value.isBlank() ? null : value;
	}

	@Override
	public @Nullable Integer integer(Column column) {
		String text = text(column);
		try {
			return text == null ? null : Integer.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			throw ProblemException.invalidField(column.csv(), "must be a whole number");
		}
	}

	@Override
	public @Nullable Map<String, Object> object(Column column) {
		String text = text(column);
		if (text == null) {
			return null;
		}
		if (text.strip().startsWith("{")) {
			try {
				return Json.object(text);
			}
			catch (RuntimeException ex) {
				throw ProblemException.invalidField(column.csv(), "must be a JSON object or key=value;key=value");
			}
		}
		Map<String, Object> pairs = new LinkedHashMap<>();
		for (String pair : text.split(";")) {
			if (pair.isBlank()) {
				continue;
			}
			int equals = pair.indexOf('=');
			if (equals < 1) {
				throw ProblemException.invalidField(column.csv(), "must be a JSON object or key=value;key=value");
			}
			pairs.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
		}
		return pairs;
	}

	@Override
	public @Nullable Long price(String currency) {
		String text = text(Column.PRICE);
		try {
			return text == null ? null : Money.parse(text.strip(), currency).minorUnits();
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalidField(Column.PRICE.csv(),
					"must be a decimal amount in " + currency + " such as 12.30");
		}
	}

}
