package io.omnis.conversation;

/**
 * How urgent a conversation is.
 */
public enum Priority {

	LOW, NORMAL, HIGH, URGENT

}
