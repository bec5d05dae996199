package io.omnis.channel;

import io.omnis.kernel.Ids;

/**
 * Identifies a channel on the wire as {@code chn_…}. Every record that came through a
 * channel carries it.
 */
public record ChannelId(String value) {

	public static final String PREFIX = "chn";

	public ChannelId {
		Ids.require(PREFIX, value);
	}

	public static ChannelId next() {
		return new ChannelId(Ids.next(PREFIX));
	}

	@Override
	public String toString() {
		return value;
	}

}
