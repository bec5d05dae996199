package io.omnis.conversation;

/**
 * Whether an agent takes new work: only ONLINE agents get conversations routed to them.
 */
public enum Presence {

	ONLINE, AWAY, OFFLINE

}
