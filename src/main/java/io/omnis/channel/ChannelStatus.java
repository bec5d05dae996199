package io.omnis.channel;

/**
 * Whether a channel is in use. A disabled channel's keys are refused; its history stays.
 */
public enum ChannelStatus {

	ACTIVE, DISABLED

}
