package io.omnis.customer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Consent per purpose: the names clients use mapped to Omnis purposes, and the rules for
 * changing a profile's current state (a later statement wins; when profiles merge, the
 * most restrictive wins).
 */
final class Consents {

	static final int MAX_PURPOSES = 30;

	private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("analytics", "analytics"),
			Map.entry("performance", "analytics"), Map.entry("advertising", "advertising"),
			Map.entry("marketing", "advertising"), Map.entry("personalization", "personalisation"),
			Map.entry("personalisation", "personalisation"), Map.entry("functional", "personalisation"),
			Map.entry("email", "email_marketing"), Map.entry("email_marketing", "email_marketing"),
			Map.entry("sms", "sms_marketing"), Map.entry("sms_marketing", "sms_marketing"));

	private Consents() {
	}

	/**
	 * The Omnis purpose for a client's category name ("Email Marketing" →
	 * email_marketing).
	 */
	static String purpose(String category) {
		String key = category.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
		return ALIASES.getOrDefault(key, key);
	}

	/** The statements of a message's {@code context.consent.categoryPreferences}. */
	static List<Map.Entry<String, Boolean>> statements(JsonNode message) {
		JsonNode preferences = message.path("context").path("consent").path("categoryPreferences");
		List<Map.Entry<String, Boolean>> statements = new ArrayList<>();
		for (String category : preferences.propertyNames()) {
			JsonNode value = preferences.get(category);
			String purpose = purpose(category);
			if (value.isBoolean() && !purpose.isEmpty() && purpose.length() <= 40 && statements.size() < MAX_PURPOSES) {
				statements.add(Map.entry(purpose, value.booleanValue()));
			}
		}
		return statements;
	}

	/**
	 * Applies a statement to the current state when it is newer than what the state
	 * holds.
	 * @return whether the state changed
	 */
	static boolean apply(ObjectNode state, String purpose, boolean granted, Instant at) {
		JsonNode current = state.get(purpose);
		if (current != null) {
			Instant known = Instant.parse(current.path("at").asString("1970-01-01T00:00:00Z"));
			if (known.isAfter(at) || current.path("granted").asBoolean() == granted) {
				return false;
			}
		}
		else if (state.size() >= MAX_PURPOSES) {
			return false;
		}
		ObjectNode entry = state.putObject(purpose);
		entry.put("granted", granted);
		entry.put("at", at.toString());
		return true;
	}

	/**
	 * Folds another profile's consent into a survivor's: a purpose denied by either is
	 * denied.
	 * @return the purposes whose state changed in the survivor
	 */
	static List<String> mostRestrictive(ObjectNode survivor, ObjectNode other, Instant at) {
		List<String> changed = new ArrayList<>();
		for (String purpose : other.propertyNames()) {
			JsonNode theirs = other.get(purpose);
			JsonNode ours = survivor.get(purpose);
			boolean theirsGranted = theirs.path("granted").asBoolean();
			if (ours == null) {
				survivor.set(purpose, theirs.deepCopy());
				changed.add(purpose);
			}
			else if (ours.path("granted").asBoolean() && !theirsGranted) {
				ObjectNode entry = survivor.putObject(purpose);
				entry.put("granted", false);
				entry.put("at", at.toString());
				changed.add(purpose);
			}
		}
		return changed;
	}

}
