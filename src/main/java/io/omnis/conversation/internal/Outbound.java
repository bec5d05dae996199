package io.omnis.conversation.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.Conversation;
import io.omnis.conversation.ConversationProperties;
import io.omnis.conversation.Message;
import io.omnis.customer.Profile;
import io.omnis.customer.Profiles;
import io.omnis.kernel.problem.ProblemException;

/**
 * Stores an answer ready for its channel: a chat answer is delivered live once stored; an
 * e-mail answer gets its Message-ID and the headers that keep it in the customer's thread
 * (In-Reply-To, References, "Re:" subject) and is sent after the transaction commits.
 */
@Component
public class Outbound {

	private final MessageStore store;

	private final Profiles profiles;

	private final ConversationProperties properties;

	private final List<ChannelReplies> adapters;

	Outbound(MessageStore store, Profiles profiles, ConversationProperties properties, List<ChannelReplies> adapters) {
		this.store = store;
		this.profiles = profiles;
		this.properties = properties;
		this.adapters = adapters;
	}

	public void prepare(Conversation conversation, Message message) {
		if (message.medium() == ChannelType.CHAT) {
			store.insertMessage(withDelivery(message, "SENT", null), null);
			return;
		}
		for (ChannelReplies adapter : adapters) {
			if (adapter.handles(message.medium())) {
				adapter.prepare(conversation, message);
				return;
			}
		}
		if (message.medium() != ChannelType.EMAIL) {
			throw ProblemException.invalidField("channel",
					"must be CHAT or EMAIL: Omnis cannot answer through " + message.medium() + " yet");
		}
		var last = store.lastEmail(conversation.id());
		String address = last.map(MessageStore.EmailHeaders::address).orElseGet(() -> emailOf(conversation));
		String subject = last.map(MessageStore.EmailHeaders::subject)
			.or(() -> java.util.Optional.ofNullable(conversation.subject()))
			.map(Outbound::reply)
			.orElse("Your conversation with us");
		String messageId = "<" + message.id() + "@" + properties.email().domain() + ">";
		store.insertMessage(withDelivery(message, "PENDING", messageId),
				new MessageStore.EmailHeaders(last.map(MessageStore.EmailHeaders::inReplyTo).orElse(null),
						last.map(MessageStore.EmailHeaders::references).orElse(List.of()), address, subject));
	}

	private String emailOf(Conversation conversation) {
		Profile profile = profiles.find(conversation.profileId())
			.orElseThrow(() -> ProblemException.conflict("The customer's profile is gone"));
		return profile.identifiers()
			.stream()
			.filter(identifier -> identifier.type().equals("email"))
			.map(Profile.KnownIdentifier::value)
			.findFirst()
			.orElseThrow(() -> ProblemException.invalidField("channel",
					"cannot be EMAIL: the customer has no known e-mail address"));
	}

	private static String reply(String subject) {
		return subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject;
	}

	private static Message withDelivery(Message m, String delivery, @org.jspecify.annotations.Nullable String emailId) {
		return new Message(m.id(), m.conversationId(), m.direction(), m.medium(), m.channelId(), m.author(), m.body(),
				m.privateNote(), m.automated(), emailId, delivery, m.createdAt(), m.attachments());
	}

}
