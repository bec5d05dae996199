package io.omnis.customer.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import io.omnis.customer.Identifier;
import io.omnis.customer.IdentityProperties;
import io.omnis.tracking.CollectedEvent;

/**
 * Promotes the identifiers a message carries: user and anonymous ids, e-mail and phone
 * from its traits, device ids and push tokens from its context, and custom types from
 * {@code context.externalIds}. Blocked values are never promoted; they are reported so
 * that the decision is recorded.
 */
@Component
public class IdentifierExtractor {

	static final int MAX_PER_MESSAGE = 25;

	private final IdentityProperties rules;

	private final List<Pattern> blockedPatterns;

	private final Set<String> blockedValues;

	IdentifierExtractor(IdentityProperties rules) {
		this.rules = rules;
		this.blockedPatterns = rules.compiledBlockedPatterns();
		this.blockedValues = Set.copyOf(rules.blockedValues());
	}

	/**
	 * What a message yields: its identifiers in priority order, and the values that were
	 * blocked.
	 */
	public record Extracted(List<Identifier> identifiers, List<Identifier> blocked) {
	}

	public Extracted extract(CollectedEvent event) {
		Set<Identifier> found = new LinkedHashSet<>();
		List<Identifier> blocked = new ArrayList<>();
		JsonNode message = event.payload();
		JsonNode context = message.path("context");
		add(found, blocked, "user_id", event.userId());
		add(found, blocked, "anonymous_id", event.anonymousId());
		if ("alias".equals(event.type())) {
			// previousId names an earlier user id or anonymous id; it is matched as both
			String previous = text(message.path("previousId"));
			add(found, blocked, "anonymous_id", previous);
		}
		for (JsonNode traits : List.of(message.path("traits"), context.path("traits"))) {
			add(found, blocked, "email", text(traits.path("email")));
			add(found, blocked, "phone", text(traits.path("phone")));
		}
		JsonNode device = context.path("device");
		add(found, blocked, "device_id", text(device.path("id")));
		add(found, blocked, "advertising_id", text(device.path("advertisingId")));
		add(found, blocked, "push_token", text(device.path("token")));
		JsonNode external = context.path("externalIds");
		if (external.isArray()) {
			for (JsonNode entry : external) {
				String type = text(entry.path("type"));
				if (type != null) {
					add(found, blocked, type, text(entry.path("id")));
				}
			}
		}
		List<Identifier> ordered = new ArrayList<>(found);
		ordered.sort(Comparator.comparingInt(identifier -> rules.rule(identifier.type()).priority()));
		return new Extracted(ordered.size() > MAX_PER_MESSAGE ? ordered.subList(0, MAX_PER_MESSAGE) : ordered, blocked);
	}

	/** Whether a normalised value is on the blocked list, so never an identifier. */
	public boolean isBlocked(String value) {
		if (blockedValues.contains(value)) {
			return true;
		}
		for (Pattern pattern : blockedPatterns) {
			if (pattern.matcher(value).matches()) {
				return true;
			}
		}
		return false;
	}

	private void add(Set<Identifier> found, List<Identifier> blocked, String type, String raw) {
		if (raw == null || found.size() >= MAX_PER_MESSAGE * 2) {
			return;
		}
		Optional<Identifier> identifier = Identifier.normalised(type, raw);
		if (identifier.isEmpty()) {
			return;
		}
		if (isBlocked(identifier.get().value())) {
			blocked.add(identifier.get());
			return;
		}
		found.add(identifier.get());
	}

	private static String text(JsonNode node) {
		if (node.isString()) {
			return node.stringValue();
		}
		return node.isIntegralNumber() ? node.bigIntegerValue().toString() : null;
	}

}
