package io.omnis.channel.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelKey;
import io.omnis.channel.ChannelStatus;
import io.omnis.channel.ChannelType;
import io.omnis.channel.IssuedKey;
import io.omnis.channel.KeyKind;
import io.omnis.kernel.security.Permission;

/**
 * The JSON shapes of the channel API.
 */
final class ChannelJson {

	private ChannelJson() {
	}

	record ChannelView(String id, ChannelType type, String name, @Nullable String description, ChannelStatus status,
			Instant createdAt, Instant updatedAt, List<KeyView> keys) {

		static ChannelView of(Channel channel) {
			return new ChannelView(channel.id().value(), channel.type(), channel.name(), channel.description(),
					channel.status(), channel.createdAt(), channel.updatedAt(),
					channel.keys().stream().map(KeyView::of).toList());
		}

	}

	record KeyView(String id, KeyKind kind, String label, String hint, List<String> scopes, Instant createdAt,
			@Nullable Instant expiresAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt, boolean usable) {

		static KeyView of(ChannelKey key) {
			return new KeyView(key.id(), key.kind(), key.label(), key.hint(),
					key.scopes().stream().map(Permission::authority).sorted().toList(), key.createdAt(),
					key.expiresAt(), key.revokedAt(), key.lastUsedAt(), key.isUsableAt(Instant.now()));
		}

	}

	/** A key with its secret, in the one answer that shows it. */
	record IssuedKeyView(KeyView key, String secret) {

		static IssuedKeyView of(IssuedKey issued) {
			return new IssuedKeyView(KeyView.of(issued.key()), issued.secret());
		}

	}

	record CreatedView(ChannelView channel, List<IssuedKeyView> issuedKeys) {
	}

	record CreateChannel(ChannelType type, String name, @Nullable String description,
			@Nullable List<String> secretKeyScopes) {
	}

	record UpdateChannel(@Nullable String name, @Nullable String description) {
	}

	record IssueKey(KeyKind kind, String label, @Nullable List<String> scopes) {
	}

	record RotateKey(@Nullable Long graceSeconds) {
	}

}
