package io.omnis.channel;

/**
 * What happens to channels, for the modules that keep per-channel state.
 */
public final class ChannelEvents {

	private ChannelEvents() {
	}

	public record ChannelCreated(ChannelId channelId, ChannelType type, String name) {
	}

	public record ChannelDisabled(ChannelId channelId) {
	}

	public record ChannelEnabled(ChannelId channelId) {
	}

}
