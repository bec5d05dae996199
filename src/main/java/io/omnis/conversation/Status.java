package io.omnis.conversation;

/**
 * Where a conversation stands: waiting for the organisation (OPEN), for the customer
 * (PENDING), or done (RESOLVED) until she writes again.
 */
public enum Status {

	OPEN, PENDING, RESOLVED

}
