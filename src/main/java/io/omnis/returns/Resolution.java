package io.omnis.returns;

/**
 * What the customer gets for what she returns.
 */
public enum Resolution {

	/** Her money back, through the payment of the order. */
	REFUND(ReturnStatus.REFUNDED),
	/** Credit on her profile, spent as a payment method at checkout. */
	STORE_CREDIT(ReturnStatus.CREDITED),
	/** Another item (size, colour), reserved at once and shipped or handed over. */
	EXCHANGE(ReturnStatus.EXCHANGED);

	private final ReturnStatus done;

	Resolution(ReturnStatus done) {
		this.done = done;
	}

	/** The status of a return received with this resolution. */
	public ReturnStatus done() {
		return done;
	}

}
