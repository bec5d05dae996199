package io.omnis.catalog.internal;

import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.omnis.catalog.Image;

/**
 * The jsonb columns of the catalog, to and from their Java shapes.
 */
final class Json {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Json() {
	}

	static String write(Object value) {
		return JSON.writeValueAsString(value);
	}

	static Map<String, Object> object(String json) {
		return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
		});
	}

	static Map<String, String> strings(String json) {
		return JSON.readValue(json, new TypeReference<Map<String, String>>() {
		});
	}

	static List<Image> images(String json) {
		return JSON.readValue(json, new TypeReference<List<Image>>() {
		});
	}

}
