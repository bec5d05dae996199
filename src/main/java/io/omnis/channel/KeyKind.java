package io.omnis.channel;

/**
 * The two kinds of channel credential.
 */
public enum KeyKind {

	/**
	 * Public key that browsers and apps put in their event calls; it can only send
	 * events.
	 */
	WRITE("wk"),

	/**
	 * Secret key for servers and store systems, sent as a bearer token; it has scopes.
	 */
	SECRET("sk");

	private final String prefix;

	KeyKind(String prefix) {
		this.prefix = prefix;
	}

	public String prefix() {
		return prefix;
	}

}
