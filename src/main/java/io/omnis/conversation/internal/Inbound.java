package io.omnis.conversation.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelType;

/**
 * A message from a customer as a channel adapter hands it over.
 *
 * @param medium the kind of channel it came through (CHAT, EMAIL…)
 * @param automated an auto-reply, bulk or list mail: kept in its thread if it has one,
 * never answered, never opening or reopening a thread
 * @param email the e-mail headers, for e-mail
 */
public record Inbound(String channelId, ChannelType medium, Sender sender, String body, boolean automated,
		@Nullable Email email, List<NewAttachment> attachments) {

	/**
	 * @param references the Message-IDs of In-Reply-To and References, most recent first
	 */
	public record Email(String messageId, @Nullable String inReplyTo, List<String> references, String address,
			@Nullable String subject) {
	}

}
