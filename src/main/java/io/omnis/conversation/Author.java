package io.omnis.conversation;

import org.jspecify.annotations.Nullable;

/**
 * Who wrote a message or made a change: the kind, the staff member's or profile's id, and
 * the name shown.
 */
public record Author(AuthorKind kind, @Nullable String id, String name) {

	public static final Author SYSTEM = new Author(AuthorKind.SYSTEM, null, "Omnis");

}
