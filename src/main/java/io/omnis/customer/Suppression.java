package io.omnis.customer;

import java.time.Instant;

import io.omnis.kernel.problem.NotFoundException;

/**
 * An identifier of an erased customer that is not collected again: messages naming it are
 * dropped (as {@code suppressed}) until the suppression is lifted.
 *
 * @param profileId the erased profile it belonged to, which no longer exists
 * @param actor who erased her
 */
public record Suppression(Identifier identifier, String profileId, String actor, Instant suppressedAt) {

	/** The answer for an identifier that is not suppressed; its value is not repeated. */
	public static NotFoundException none(Identifier identifier) {
		return new NotFoundException("No " + identifier.type() + " identifier of that value is suppressed");
	}

}
