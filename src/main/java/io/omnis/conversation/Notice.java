package io.omnis.conversation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message Omnis sent (or will send) a customer on its own: through her e-mail when an
 * e-mail channel exists, else by SMS, else it waits in the outbox.
 *
 * @param customer a profile id or an identifier ({@code email:…}, {@code phone:…})
 * @param status PENDING, SENT or FAILED
 * @param messageId the message that shows it in her conversation, once she has a profile
 * @param conversationId the conversation that message is in
 */
public record Notice(String id, String customer, String topic, @Nullable String reference, String subject, String body,
		String status, @Nullable String medium, @Nullable String channelId, @Nullable String address, int attempts,
		@Nullable String lastError, Instant createdAt, @Nullable Instant sentAt, @Nullable String messageId,
		@Nullable String conversationId) {
}
