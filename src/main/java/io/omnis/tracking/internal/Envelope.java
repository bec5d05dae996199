package io.omnis.tracking.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a collection request carried: its write key (if in the body), its messages, and
 * the batch-level fields that apply to each message.
 */
public record Envelope(@Nullable String writeKey, List<JsonNode> messages, @Nullable ObjectNode context,
		@Nullable ObjectNode integrations, @Nullable JsonNode sentAt) {
}
