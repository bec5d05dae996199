package io.omnis.conversation;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelType;

/**
 * One message of a conversation, in any channel. The body is plain text: HTML is turned
 * into text before it is stored, and pages show it as text.
 *
 * @param privateNote seen by agents only, never sent
 * @param automated an auto-reply or bulk mail: stored, never answered
 * @param delivery for outbound messages: PENDING, SENT or FAILED
 */
public record Message(String id, ConversationId conversationId, Direction direction, ChannelType medium,
		String channelId, Author author, String body, boolean privateNote, boolean automated,
		@Nullable String emailMessageId, @Nullable String delivery, Instant createdAt, List<Attachment> attachments) {

	/** What is known of a file that came with a message. */
	public record Attachment(String id, String filename, String contentType, long size) {
	}

}
