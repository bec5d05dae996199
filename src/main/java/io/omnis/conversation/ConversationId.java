package io.omnis.conversation;

import io.omnis.kernel.Ids;

/**
 * Identifies a conversation on the wire as {@code cnv_…}.
 */
public record ConversationId(String value) {

	public static final String PREFIX = "cnv";

	public ConversationId {
		Ids.require(PREFIX, value);
	}

	public static ConversationId next() {
		return new ConversationId(Ids.next(PREFIX));
	}

	@Override
	public String toString() {
		return value;
	}

}
