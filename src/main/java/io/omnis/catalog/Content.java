package io.omnis.catalog;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelId;

/**
 * The words a product is shown with: for one locale in one channel, for one locale in
 * every channel ({@code channel} null), or the product's default (both null).
 */
public record Content(@Nullable ChannelId channel, @Nullable String locale, String title, String description) {

	/** Which step of the fallback chain this content is. */
	public String level() {
		return channel != null ? "channel-locale" : locale != null ? "locale" : "default";
	}

}
