package io.omnis.tracking.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes any JSON storable in a PostgreSQL {@code jsonb}: NUL characters and unpaired
 * surrogates, which {@code jsonb} refuses, become U+FFFD in keys and values alike. Clean
 * text (nearly all of it) is only read, never copied.
 */
final class Sanitizer {

	private Sanitizer() {
	}

	static void clean(JsonNode node) {
		if (node instanceof ObjectNode object) {
			List<String> dirtyKeys = null;
			for (Map.Entry<String, JsonNode> entry : object.properties()) {
				JsonNode value = entry.getValue();
				if (value.isString()) {
					if (needsCleaning(entry.getKey()) || needsCleaning(value.stringValue())) {
						dirtyKeys = add(dirtyKeys, entry.getKey());
					}
				}
				else {
					clean(value);
					if (needsCleaning(entry.getKey())) {
						dirtyKeys = add(dirtyKeys, entry.getKey());
					}
				}
			}
			if (dirtyKeys != null) {
				for (String key : dirtyKeys) {
					JsonNode value = object.remove(key);
					JsonNode cleanValue = value.isString() ? object.stringNode(text(value.stringValue())) : value;
					object.set(text(key), cleanValue);
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				JsonNode value = array.get(i);
				if (value.isString()) {
					if (needsCleaning(value.stringValue())) {
						array.set(i, array.stringNode(text(value.stringValue())));
					}
				}
				else {
					clean(value);
				}
			}
		}
	}

	static boolean needsCleaning(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == 0 || Character.isLowSurrogate(c)) {
				return true;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return true;
				}
				i++;
			}
		}
		return false;
	}

	static String text(String text) {
		if (!needsCleaning(text)) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				out.append(c).append(text.charAt(++i));
			}
			else {
				out.append(c == 0 || Character.isSurrogate(c) ? '\uFFFD' : c);
			}
		}
		return out.toString();
	}

	private static List<String> add(List<String> list, String key) {
		List<String> keys = list == null ? new ArrayList<>() : list;
		keys.add(key);
		return keys;
	}

}
