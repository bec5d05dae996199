package io.omnis.conversation.internal;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.Conversation;
import io.omnis.conversation.Message;

/**
 * Answers through a channel adapter of its own (SMS, social messages): it checks the
 * answer can go out, and stores it ready to be sent after the transaction commits.
 */
public interface ChannelReplies {

	boolean handles(ChannelType medium);

	/**
	 * Stores the answer, or refuses it with a problem before anything is stored.
	 */
	void prepare(Conversation conversation, Message message);

}
