package io.omnis.customer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity rules ({@code omnis.identity.*}): which identifier types exist, how many
 * of each a profile may hold (within an optional window), their priority when a merge
 * would break a limit, the values never promoted, and the hard caps.
 *
 * @param types per identifier type; types not listed (custom {@code context.externalIds})
 * use {@code customLimit} and {@code customPriority}
 * @param blockedPatterns values matching any of these (case-insensitive) are never
 * identifiers
 * @param blockedValues exact values never promoted, such as test accounts
 * @param maxMerges merges after which a profile stops absorbing others and is flagged
 * @param maxIdentifiers identifiers after which a profile takes no more and is flagged
 */
@ConfigurationProperties("omnis.identity")
public record IdentityProperties(Map<String, TypeRule> types, @DefaultValue("5") int customLimit,
		@DefaultValue("50") int customPriority, List<String> blockedPatterns, List<String> blockedValues,
		@DefaultValue("100") int maxMerges, @DefaultValue("1000") int maxIdentifiers) {

	public static final List<String> DEFAULT_BLOCKED = List.of("^[0-]*$", "^-1$",
			"^(null|undefined|anonymous|nil|none|unknown|n/a|nan|\\[object object\\])$");

	public IdentityProperties {
		Map<String, TypeRule> merged = new LinkedHashMap<>(defaults());
		if (types != null) {
			merged.putAll(types);
		}
		types = Map.copyOf(merged);
		blockedPatterns = blockedPatterns == null || blockedPatterns.isEmpty() ? DEFAULT_BLOCKED
				: List.copyOf(blockedPatterns);
		blockedValues = blockedValues == null ? List.of() : List.copyOf(blockedValues);
	}

	/** The rule of a type, the custom default for types not configured. */
	public TypeRule rule(String type) {
		TypeRule rule = types.get(type);
		return rule != null ? rule : new TypeRule(customLimit, null, customPriority);
	}

	public List<Pattern> compiledBlockedPatterns() {
		return blockedPatterns.stream().map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE)).toList();
	}

	static Map<String, TypeRule> defaults() {
		Map<String, TypeRule> rules = new LinkedHashMap<>();
		rules.put("user_id", new TypeRule(1, null, 1));
		rules.put("email", new TypeRule(5, null, 2));
		rules.put("phone", new TypeRule(5, null, 3));
		rules.put("anonymous_id", new TypeRule(5, Duration.ofDays(30), 90));
		rules.put("device_id", new TypeRule(5, null, 91));
		rules.put("advertising_id", new TypeRule(5, null, 92));
		rules.put("push_token", new TypeRule(5, null, 93));
		return rules;
	}

	/**
	 * @param limit the most identifiers of the type a profile may hold
	 * @param window when set, the limit counts only identifiers first seen within it
	 * @param priority lower wins: kept in a match when a merge would break a limit
	 */
	public record TypeRule(int limit, @Nullable Duration window, int priority) {
	}

}
