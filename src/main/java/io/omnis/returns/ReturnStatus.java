package io.omnis.returns;

/**
 * Where a return is: requested (the goods are on their way or at the counter), then,
 * received and resolved in one step, refunded, credited or exchanged; or cancelled before
 * it was received.
 */
public enum ReturnStatus {

	REQUESTED, REFUNDED, CREDITED, EXCHANGED, CANCELLED;

	public boolean isOpen() {
		return this == REQUESTED;
	}

}
