package io.omnis.catalog.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.omnis.kernel.problem.ProblemException;

/**
 * The fields of a JSON import row; a missing field or {@code null} is an empty cell.
 */
final class JsonCells implements Cells {

	private final JsonNode row;

	JsonCells(JsonNode row) {
		if (!row.isObject()) {
			throw ProblemException.invalidField("row", "must be an object");
		}
		for (String name : row.propertyNames()) {
			if (Column.ofJson(name).isEmpty()) {
				throw ProblemException.invalidField(name, "is not a known field");
			}
		}
		this.row = row;
	}

	@Override
	public boolean has(Column column) {
		return true;
	}

	@Override
	public @Nullable String text(Column column) {
		JsonNode node = node(column);
		if (node == null) {
			return null;
		}
		if (!node.isString()) {
			throw ProblemException.invalidField(column.json(), "must be a string");
		}
		return node.stringValue().isBlank() ? null : node.stringValue();
	}

	@Override
	public @Nullable Integer integer(Column column) {
		JsonNode node = node(column);
		if (node == null) {
			return null;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt()) {
			throw ProblemException.invalidField(column.json(), "must be a whole number");
		}
		return node.intValue();
	}

	@Override
	public @Nullable Map<String, Object> object(Column column) {
		JsonNode node = node(column);
		if (node == null) {
			return null;
		}
		if (!node.isObject()) {
			throw ProblemException.invalidField(column.json(), "must be an object");
		}
		Map<String, Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			JsonNode value = entry.getValue();
			String path = column.json() + "." + entry.getKey();
			if (value.isString()) {
				values.put(entry.getKey(), value.stringValue());
			}
			else if (value.isNumber()) {
				values.put(entry.getKey(), value.numberValue());
			}
			else if (value.isBoolean()) {
				values.put(entry.getKey(), value.booleanValue());
			}
			else {
				throw ProblemException.invalidField(path, "must be a string, a number or true or false");
			}
		}
		return values;
	}

	@Override
	public @Nullable Long price(String currency) {
		JsonNode node = node(Column.PRICE);
		if (node == null) {
			return null;
		}
		if (!node.isIntegralNumber() || !node.canConvertToLong()) {
			throw ProblemException.invalidField(Column.PRICE.json(), "must be a whole number of minor units");
		}
		return node.longValue();
	}

	private @Nullable JsonNode node(Column column) {
		JsonNode node = row.get(column.json());
		return node == null || node.isNull() ? null : node;
	}

}
