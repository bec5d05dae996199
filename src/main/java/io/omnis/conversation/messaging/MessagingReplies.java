package io.omnis.conversation.messaging;

import org.springframework.stereotype.Component;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.Conversation;
import io.omnis.conversation.Message;
import io.omnis.conversation.internal.ChannelReplies;
import io.omnis.conversation.internal.MessageStore;
import io.omnis.customer.Profiles;
import io.omnis.kernel.problem.ProblemException;

/**
 * Stores an SMS, WhatsApp or social answer ready to send: it goes back through the
 * channel and to the address the customer last wrote from in this conversation, and an
 * SMS is refused while she has opted out (STOP).
 */
@Component
class MessagingReplies implements ChannelReplies {

	private final ExternalMessages external;

	private final MessagingChannels channels;

	private final MessageStore messages;

	private final Profiles profiles;

	MessagingReplies(ExternalMessages external, MessagingChannels channels, MessageStore messages, Profiles profiles) {
		this.external = external;
		this.channels = channels;
		this.messages = messages;
		this.profiles = profiles;
	}

	@Override
	public boolean handles(ChannelType medium) {
		return medium == ChannelType.SMS || medium == ChannelType.SOCIAL;
	}

	@Override
	public void prepare(Conversation conversation, Message message) {
		ExternalMessages.Destination destination = external
			.lastInbound(conversation.id().value(), message.medium().name())
			.filter(d -> channels.find(d.channelId()).isPresent())
			.orElseThrow(() -> ProblemException.invalidField("channel",
					"cannot be " + message.medium() + ": the customer has not written in this conversation through a "
							+ message.medium() + " channel with a provider Omnis can answer through"));
		if (!destination.address().startsWith("whatsapp:") && message.medium() == ChannelType.SMS
				&& optedOut(conversation.profileId())) {
			throw ProblemException.conflict("The customer has opted out of SMS (she sent STOP): answer in another "
					+ "channel, or wait until she sends START");
		}
		messages.insertMessage(new Message(message.id(), message.conversationId(), message.direction(),
				message.medium(), destination.channelId(), message.author(), message.body(), false, false, null,
				"PENDING", message.createdAt(), message.attachments()), null);
		external.outbound(destination.channelId(), message.id(), destination.address());
	}

	private boolean optedOut(String profileId) {
		return profiles.find(profileId)
			.map(p -> p.consent().path("sms_marketing"))
			.map(consent -> consent.has("granted") && !consent.path("granted").asBoolean())
			.orElse(false);
	}

}
