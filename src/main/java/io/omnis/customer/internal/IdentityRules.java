package io.omnis.customer.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.omnis.customer.Identifier;
import io.omnis.customer.IdentityProperties;

/**
 * The configured limits and caps as questions a resolution asks before it changes the
 * graph: would this merge, or this new identifier, break a rule, and which one.
 */
@Component
class IdentityRules {

	private final IdentityProperties rules;

	IdentityRules(IdentityProperties rules) {
		this.rules = rules;
	}

	/**
	 * The rule that merging {@code candidate} into the match (its profiles and the new
	 * identifiers joining them) would break, or null when the merge is allowed.
	 */
	@Nullable String mergeBreaks(List<ProfileState> match, ProfileState candidate, Map<Identifier, Instant> joining,
			Instant now) {
		int merges = match.isEmpty() ? 0 : candidate.mergeCount + match.size();
		int identifiers = candidate.identifiers.size() + joining.size();
		Map<Identifier, Instant> combined = new HashMap<>(candidate.identifiers);
		combined.putAll(joining);
		for (ProfileState profile : match) {
			merges += profile.mergeCount;
			identifiers += profile.identifiers.size();
			combined.putAll(profile.identifiers);
		}
		if (merges > rules.maxMerges()) {
			return "merge-cap";
		}
		if (identifiers > rules.maxIdentifiers()) {
			return "identifier-cap";
		}
		return limitBroken(combined, now);
	}

	/** The rule that adding a new identifier to the match would break, or null. */
	@Nullable String joinBreaks(List<ProfileState> match, Map<Identifier, Instant> joining, Identifier identifier, Instant at,
			Instant now) {
		Map<Identifier, Instant> combined = new HashMap<>(joining);
		match.forEach(profile -> combined.putAll(profile.identifiers));
		if (combined.size() + 1 > rules.maxIdentifiers()) {
			return "identifier-cap";
		}
		combined.put(identifier, at);
		return limitBroken(combined, now);
	}

	/**
	 * {@code <type>-limit} when the identifiers hold more of a type than allowed (within
	 * its window).
	 */
	private @Nullable String limitBroken(Map<Identifier, Instant> identifiers, Instant now) {
		Map<String, Integer> counts = new HashMap<>();
		for (Map.Entry<Identifier, Instant> entry : identifiers.entrySet()) {
			IdentityProperties.TypeRule rule = rules.rule(entry.getKey().type());
			Duration window = rule.window();
			if (window == null || entry.getValue().isAfter(now.minus(window))) {
				int count = counts.merge(entry.getKey().type(), 1, Integer::sum);
				if (count > rule.limit()) {
					return entry.getKey().type() + "-limit";
				}
			}
		}
		return null;
	}

}
