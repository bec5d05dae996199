package io.omnis.customer;

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

}
