package io.omnis.customer;

import java.time.Instant;

/**
 * An identifier of an erased customer that is not collected again: messages naming it are
 * dropped (as {@code suppressed}) until the suppression is lifted.
 *
 * @param profileId the erased profile it belonged to, which no longer exists
 * @param actor who erased her
 */
public record Suppression(Identifier identifier, String profileId, String actor, Instant suppressedAt) {
}
