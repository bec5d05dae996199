package io.omnis.conversation.internal;

import org.jspecify.annotations.Nullable;

/**
 * What a channel knows of the person who wrote: the identifiers and the name it carried.
 */
public record Sender(@Nullable String anonymousId, @Nullable String userId, @Nullable String email,
		@Nullable String phone, @Nullable String name) {

	public static Sender email(String address, @Nullable String name) {
		return new Sender(null, null, address, null, name);
	}

	boolean hasTraits() {
		return email != null || phone != null || name != null;
	}

}
