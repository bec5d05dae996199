package io.omnis.conversation.internal;

import org.jspecify.annotations.Nullable;

import io.omnis.customer.Identifier;

/**
 * What a channel knows of the person who wrote: the identifiers and the name it carried.
 *
 * @param external an identifier of a type of its own, such as a Messenger page-scoped id
 * or a WhatsApp number, recorded as an external id of the message
 */
public record Sender(@Nullable String anonymousId, @Nullable String userId, @Nullable String email,
		@Nullable String phone, @Nullable String name, @Nullable Identifier external) {

	public Sender(@Nullable String anonymousId, @Nullable String userId, @Nullable String email, @Nullable String phone,
			@Nullable String name) {
		this(anonymousId, userId, email, phone, name, null);
	}

	public static Sender email(String address, @Nullable String name) {
		return new Sender(null, null, address, null, name);
	}

	boolean hasTraits() {
		return email != null || phone != null || name != null;
	}

}
