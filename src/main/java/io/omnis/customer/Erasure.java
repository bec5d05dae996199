package io.omnis.customer;

import java.time.Instant;
import java.util.List;

/**
 * What erasing a customer removed: her profile, the profiles merged into it, how many
 * identifiers and collected events went with them, and when.
 */
public record Erasure(String profileId, List<String> profileIds, int identifiers, int events, Instant erasedAt) {
}
