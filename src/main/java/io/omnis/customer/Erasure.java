package io.omnis.customer;

import java.time.Instant;
import java.util.List;

/**
 * What erasing a customer removed: her profile, the profiles merged into it, how many
 * identifiers and collected events went with them, and when.
 *
 * @param suppressed how many of her identifiers are suppressed: messages naming them are
 * dropped from now on (0 when she was erased without suppression)
 */
public record Erasure(String profileId, List<String> profileIds, int identifiers, int events, int suppressed,
		Instant erasedAt) {
}
