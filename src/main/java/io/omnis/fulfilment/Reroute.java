package io.omnis.fulfilment;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.inventory.LocationId;
import io.omnis.inventory.Sku;

/**
 * A line moved away from a location that rejected it, with why and where it went (nowhere
 * when no other location could serve it).
 */
public record Reroute(String id, int lineNo, Sku sku, int quantity, LocationId from, List<LocationId> to,
		RejectionReason reason, @Nullable String note, Explanation explanation, String actor, Instant occurredAt) {
}
