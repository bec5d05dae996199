package io.omnis.conversation.messaging;

import org.jspecify.annotations.Nullable;

/**
 * The provider credentials of one messaging channel.
 *
 * @param baseUrl where the provider's API is (https://api.twilio.com,
 * https://graph.facebook.com), so that a test or a proxy can stand in for it
 * @param fromAddress Twilio: the number answers are sent from
 * @param whatsappIdentifier Twilio: a {@code whatsapp:} sender is known by the identifier
 * type {@code whatsapp} rather than as her phone
 */
public record MessagingSettings(String channelId, Provider provider, String baseUrl, @Nullable String accountSid,
		@Nullable String authToken, @Nullable String fromAddress, boolean whatsappIdentifier,
		@Nullable String appSecret, @Nullable String verifyToken, @Nullable String pageToken) {

	/** A hint of a secret (its last four characters), never the secret itself. */
	static @Nullable String hint(@Nullable String secret) {
		return secret == null ? null : "…" + secret.substring(Math.max(0, secret.length() - 4));
	}

}
