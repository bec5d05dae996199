package io.omnis.knowledge;

import java.time.Instant;

/**
 * A group of help articles ({@code kbc_…}).
 */
public record Category(String id, String slug, String name, Instant createdAt) {

	public static final String PREFIX = "kbc";

}
