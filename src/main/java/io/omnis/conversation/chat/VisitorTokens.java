package io.omnis.conversation.chat;

import org.springframework.stereotype.Component;

import io.omnis.conversation.internal.Signatures;

/**
 * The token a chat visitor gets with her first message and must show from then on to
 * write, read her thread or listen to it: knowing an anonymous id alone is not enough. It
 * is an HMAC of the channel and anonymous id under a key kept in the database, so every
 * node checks it without storing tokens.
 */
@Component
class VisitorTokens {

	private static final String KEY = "visitor-token";

	private final Signatures signatures;

	VisitorTokens(Signatures signatures) {
		this.signatures = signatures;
	}

	String issue(String channelId, String anonymousId) {
		return signatures.sign(KEY, channelId + "\n" + anonymousId);
	}

	boolean isValid(String channelId, String anonymousId, String token) {
		return signatures.verify(KEY, channelId + "\n" + anonymousId, token);
	}

}
