package io.omnis.knowledge;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A help article in one locale ({@code kba_…}).
 *
 * @param body sanitised HTML, safe to show as is
 * @param shortAnswer plain text for SMS and chat, at most 320 characters
 * @param published whether the help centre and the assistant show it
 */
public record Article(String id, String slug, String locale, @Nullable String categoryId, String title, String body,
		String shortAnswer, boolean published, Instant createdAt, Instant updatedAt) {

	public static final String PREFIX = "kba";

}
