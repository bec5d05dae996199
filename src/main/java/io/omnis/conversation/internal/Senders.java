package io.omnis.conversation.internal;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import io.omnis.customer.Profile;
import io.omnis.customer.Profiles;
import io.omnis.tracking.Collection;

/**
 * Attaches the sender of a message to her profile by recording what the channel knew of
 * her as a customer event, through event collection, and resolving it at once.
 * <p>
 * So a chat visitor, an e-mail address and a phone number become one person under the
 * identity rules every other channel follows (limits, blocked values, consent), and the
 * message shows in her cross-channel timeline.
 */
@Component
public class Senders {

	static final String EVENT = "Conversation Message Received";

	private final Collection collection;

	private final Profiles profiles;

	private final JsonMapper json;

	Senders(Collection collection, Profiles profiles, JsonMapper json) {
		this.collection = collection;
		this.profiles = profiles;
		this.json = json;
	}

	/**
	 * The profile of the sender of a message.
	 * @param messageId the conversation message's id, which the event is recorded under
	 * @return empty when the sender carried no usable identifier
	 */
	public Optional<Profile> resolve(String channelId, String messageId, Sender sender) {
		ObjectNode message = json.createObjectNode();
		message.put("messageId", messageId);
		if (sender.anonymousId() != null) {
			message.put("anonymousId", sender.anonymousId());
		}
		if (sender.userId() != null) {
			message.put("userId", sender.userId());
		}
		if (sender.anonymousId() == null && sender.userId() == null) {
			// Collection needs one of the two; a sender known only by address gets a
			// stable anonymous id derived from it, which the address itself then joins
			message.put("anonymousId", "conversation:" + (sender.email() != null ? sender.email()
					: sender.phone() != null ? sender.phone() : String.valueOf(sender.external())));
		}
		if (sender.hasTraits()) {
			message.put("type", "identify");
			ObjectNode traits = message.putObject("traits");
			put(traits, "email", sender.email());
			put(traits, "phone", sender.phone());
			put(traits, "name", sender.name());
		}
		else {
			message.put("type", "track");
			message.put("event", EVENT);
		}
		ObjectNode context = message.putObject("context");
		context.putObject("library").put("name", "omnis-conversation");
		if (sender.external() != null) {
			context.putArray("externalIds")
				.addObject()
				.put("type", sender.external().type())
				.put("id", sender.external().value());
		}
		collection.record(channelId, message);
		return profiles.resolveNow(channelId, messageId);
	}

	private static void put(ObjectNode node, String name, @Nullable String value) {
		if (value != null) {
			node.put(name, value);
		}
	}

}
