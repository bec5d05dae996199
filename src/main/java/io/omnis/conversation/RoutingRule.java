package io.omnis.conversation;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelType;

/**
 * Puts a new conversation in a team's queue when it matches: her language, its topic (set
 * on the conversation, or one of the keywords in her first message) and its channel type;
 * conditions left empty match anything. The first matching rule by position decides.
 *
 * @param skills what an agent must have to take it ({@code language:fr},
 * {@code topic:returns}, {@code channel:sms})
 * @param widenAfterMinutes null: the conversation waits for a skilled agent of the team;
 * otherwise after this long any online agent may take it
 */
public record RoutingRule(String id, int position, String name, @Nullable String language, @Nullable String topic,
		List<String> keywords, @Nullable ChannelType channelType, String teamId, List<String> skills,
		@Nullable Integer widenAfterMinutes, Instant createdAt) {

	public static final String PREFIX = "rrl";

}
