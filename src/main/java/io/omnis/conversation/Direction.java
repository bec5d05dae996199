package io.omnis.conversation;

/**
 * Whether a message came from the customer (IN) or went to her, or stayed inside as a
 * private note (OUT).
 */
public enum Direction {

	IN, OUT

}
