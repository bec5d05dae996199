package io.omnis.tracking;

/**
 * Why an accepted request's message was not stored. Each drop is counted per source and
 * reason.
 */
public enum DropReason {

	NO_IDENTITY("no-identity", "neither userId nor anonymousId"),

	MISSING_EVENT("missing-event", "track without an event name"),

	INVALID_TYPE("invalid-type", "missing or unknown message type"),

	INVALID_FIELD("invalid-field", "a field has the wrong type"),

	INVALID_MESSAGE_ID("invalid-message-id", "messageId longer than 100 characters or not a string"),

	MESSAGE_TOO_LARGE("message-too-large", "message over 32 KB"),

	TOO_MANY_TRAITS("too-many-traits", "300 or more traits"),

	DUPLICATE("duplicate", "messageId already received from this source"),

	CONSENT_DENIED("consent-denied", "analytics consent denied; only the consent choice was kept"),

	/**
	 * Counted by identity resolution after acceptance: the message named an erased
	 * customer who is not to be collected again, and was deleted with no sample kept.
	 */
	SUPPRESSED("suppressed", "names an erased customer's suppressed identifier; deleted at resolution");

	private final String code;

	private final String description;

	DropReason(String code, String description) {
		this.code = code;
		this.description = description;
	}

	public String code() {
		return code;
	}

	public String description() {
		return description;
	}

}
