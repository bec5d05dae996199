package io.omnis.tracking.internal;

import java.util.ArrayList;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes any JSON storable in a PostgreSQL {@code jsonb}: NUL characters and unpaired
 * surrogates, which {@code jsonb} refuses, become U+FFFD in keys and values alike.
 */
final class Sanitizer {

	private Sanitizer() {
	}

	static void clean(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> entry : new ArrayList<>(object.properties())) {
				String key = entry.getKey();
				JsonNode value = entry.getValue();
				String cleanKey = text(key);
				if (value.isString()) {
					String text = value.stringValue();
					String cleanText = text(text);
					if (!cleanKey.equals(key)) {
						object.remove(key);
					}
					if (!cleanKey.equals(key) || !cleanText.equals(text)) {
						object.put(cleanKey, cleanText);
					}
				}
				else {
					clean(value);
					if (!cleanKey.equals(key)) {
						object.remove(key);
						object.set(cleanKey, value);
					}
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				JsonNode value = array.get(i);
				if (value.isString()) {
					String text = value.stringValue();
					String cleanText = text(text);
					if (!cleanText.equals(text)) {
						array.set(i, array.stringNode(cleanText));
					}
				}
				else {
					clean(value);
				}
			}
		}
	}

	static String text(String text) {
		StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean bad = c == 0;
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					if (out != null) {
						out.append(c).append(text.charAt(i + 1));
					}
					i++;
					continue;
				}
				bad = true;
			}
			else if (Character.isLowSurrogate(c)) {
				bad = true;
			}
			if (bad && out == null) {
				out = new StringBuilder(text.length()).append(text, 0, i);
			}
			if (out != null) {
				out.append(bad ? '\uFFFD' : c);
			}
		}
		return out == null ? text : out.toString();
	}

}
