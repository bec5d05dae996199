package io.omnis.tracking;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stored customer event as identity resolution and the timeline see it.
 *
 * @param seq the event's position in the log, increasing with acceptance
 * @param occurredAt when it happened by the client's clock, corrected for skew
 * @param payload the whole message, with the batch's context merged in
 * @param consentOnly whether only the message's consent choice was kept (analytics
 * denied)
 * @param identifiers the identifiers resolution promoted from it ("type:value"), empty
 * until resolved
 */
public record CollectedEvent(long seq, String channelId, String messageId, String type, @Nullable String event,
		@Nullable String userId, @Nullable String anonymousId, Instant occurredAt, Instant receivedAt,
		ObjectNode payload, boolean consentOnly, @Nullable String profileId, List<String> identifiers) {
}
