package io.omnis.webhook;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A URL that receives events of the given types ({@code whk_…}), signed with its secret.
 */
public record Subscription(String id, String url, List<String> eventTypes, String secret, @Nullable String description,
		boolean enabled, Instant createdAt, Instant updatedAt) {

	public static final String PREFIX = "whk";

	public boolean wants(String eventType) {
		return enabled && (eventTypes.contains("*") || eventTypes.contains(eventType));
	}

}
