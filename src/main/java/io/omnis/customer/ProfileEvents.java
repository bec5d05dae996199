package io.omnis.customer;

import java.util.List;

/**
 * What happens to profiles, for modules that keep per-customer state (orders,
 * conversations).
 */
public final class ProfileEvents {

	private ProfileEvents() {
	}

	/**
	 * Two profiles turned out to be one person; {@code merged} now lives on as
	 * {@code survivor}.
	 */
	public record ProfilesMerged(String survivor, String merged, String channelId, String messageId) {
	}

	/**
	 * An identifier was removed from a profile and took what came with it to a new
	 * profile.
	 */
	public record ProfileSplit(String profileId, String splitOff, String identifier) {
	}

	/**
	 * A customer's data was erased at her request: {@code profileIds} (her profile and
	 * those merged into it) no longer exist, and each module removes what it holds of her
	 * in the same transaction, or refuses (a problem) and the erasure is not made.
	 * {@code identifiers} are hers as {@code type:value}, the form carts and orders keep
	 * them in.
	 */
	public record ProfileErased(String profileId, List<String> profileIds, List<String> identifiers) {
	}

}
