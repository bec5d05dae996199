package io.omnis.channel;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.omnis.kernel.security.Permission;

/**
 * What Omnis knows of a credential after it was shown: never the secret, only a hint to
 * recognise it.
 *
 * @param hint the key's prefix and last four characters, e.g. {@code sk_…x9Qa}
 * @param expiresAt set when a rotation leaves the old key valid for a grace period
 */
public record ChannelKey(String id, ChannelId channelId, KeyKind kind, String label, String hint,
		Set<Permission> scopes, Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant revokedAt,
		@Nullable Instant lastUsedAt) {

	public boolean isUsableAt(Instant now) {
		return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
	}

}
