package io.omnis.conversation.phone;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A phone call with a customer.
 *
 * @param externalId the telephony system's id of the call
 * @param status RINGING, ANSWERED or ENDED
 */
public record Call(String id, String channelId, String externalId, String caller, @Nullable String callee,
		String profileId, String conversationId, String status, @Nullable String agentId, @Nullable String recordingUrl,
		@Nullable String disposition, Instant ringingAt, @Nullable Instant answeredAt, @Nullable Instant endedAt) {
}
