package io.omnis.conversation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import io.omnis.customer.Identifier;
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
		collection.record(channelId, message(messageId, sender));
		return resolveNow(channelId, messageId, sender);
	}

	/**
	 * The id of the sender's profile. A sender every identifier of whom one profile holds
	 * already (she wrote before) is found by one statement, and her message is resolved
	 * by identity resolution in its turn, to that same profile; only a sender with
	 * something new (a first message, a second number) is resolved now, out of turn.
	 * @param messageId the conversation message's id, which the event is recorded under
	 * @return empty when the sender carried no usable identifier
	 */
	public Optional<String> profileOf(String channelId, String messageId, Sender sender) {
		boolean recorded = collection.record(channelId, message(messageId, sender));
		List<Identifier> carried = identifiers(sender);
		// A message collection dropped is never resolved: only resolving it says so
		Optional<String> known = !recorded || carried.isEmpty() ? Optional.empty() : profiles.certainHolderOf(carried);
		if (known.isPresent()) {
			return known;
		}
		return resolveNow(channelId, messageId, sender).map(Profile::id);
	}

	/**
	 * Resolves the recorded message now. A customer who was erased and suppressed, and
	 * writes to support, is coming back: a thread needs her known, so the suppression of
	 * the identifiers she writes from is lifted (logged) and her message recorded again,
	 * as a new profile (ADR 0031). Her other identifiers stay suppressed.
	 */
	private Optional<Profile> resolveNow(String channelId, String messageId, Sender sender) {
		Optional<Profile> profile = profiles.resolveNow(channelId, messageId);
		if (profile.isEmpty()
				&& profiles.liftSuppressions(identifiers(sender), "she wrote through channel " + channelId) > 0) {
			collection.record(channelId, message(messageId, sender));
			profile = profiles.resolveNow(channelId, messageId);
		}
		return profile;
	}

	/**
	 * The identifiers resolution will extract from the message: its user and anonymous
	 * ids, the e-mail and phone traits, the external id, normalised alike.
	 */
	private static List<Identifier> identifiers(Sender sender) {
		List<Identifier> found = new ArrayList<>();
		add(found, "user_id", sender.userId());
		add(found, "anonymous_id", anonymousId(sender));
		add(found, "email", sender.email());
		add(found, "phone", sender.phone());
		if (sender.external() != null) {
			add(found, sender.external().type(), sender.external().value());
		}
		return found;
	}

	private static void add(List<Identifier> found, String type, @Nullable String raw) {
		if (raw != null) {
			Identifier.normalised(type, raw).filter(i -> !found.contains(i)).ifPresent(found::add);
		}
	}

	private ObjectNode message(String messageId, Sender sender) {
		ObjectNode message = json.createObjectNode();
		message.put("messageId", messageId);
		put(message, "anonymousId", anonymousId(sender));
		put(message, "userId", sender.userId());
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
		return message;
	}

	/**
	 * Her anonymous id. Collection needs it or a user id; a sender known only by address
	 * gets a stable one derived from it, which the address itself then joins.
	 */
	private static @Nullable String anonymousId(Sender sender) {
		if (sender.anonymousId() != null || sender.userId() != null) {
			return sender.anonymousId();
		}
		return "conversation:" + (sender.email() != null ? sender.email()
				: sender.phone() != null ? sender.phone() : String.valueOf(sender.external()));
	}

	private static void put(ObjectNode node, String name, @Nullable String value) {
		if (value != null) {
			node.put(name, value);
		}
	}

}
