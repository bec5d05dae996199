package io.omnis.conversation.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.Author;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.ConversationProperties;
import io.omnis.conversation.Direction;
import io.omnis.conversation.Message;
import io.omnis.customer.Identifier;
import io.omnis.customer.Profile;
import io.omnis.customer.Profiles;

/**
 * Puts what Omnis tells a customer on its own into her conversation, as an automated
 * message of the system. It joins her thread in progress (the one thread, or the one of
 * the channel it goes through when threads are per channel); when there is none it opens
 * one that waits for her: nobody's, never routed, outside every measure, until she writes
 * (then {@link ConversationStore#received} opens it as a contact). A resolved thread is
 * never reopened by a notice.
 */
@Component
public class NoticeThreads {

	private final JdbcClient jdbc;

	private final ConversationStore store;

	private final MessageStore messages;

	private final Profiles profiles;

	private final Senders senders;

	private final ConversationProperties properties;

	private final LiveUpdates live;

	private final Clock clock;

	NoticeThreads(JdbcClient jdbc, ConversationStore store, MessageStore messages, Profiles profiles, Senders senders,
			ConversationProperties properties, LiveUpdates live, Clock clock) {
		this.live = live;
		this.senders = senders;
		this.jdbc = jdbc;
		this.store = store;
		this.messages = messages;
		this.profiles = profiles;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The profile of a notice's customer: hers when it is a profile id (following
	 * merges), else the one holding the identifier ({@code email:…}), if any.
	 */
	public Optional<String> profileOf(String customer) {
		return (customer.indexOf(':') > 0 ? Identifier.parse(customer).flatMap(profiles::lookup)
				: profiles.find(customer))
			.map(Profile::id);
	}

	/**
	 * Her profile found or made from the address a notice goes to, as a message from that
	 * address would make it (ADR 0007). Outside a transaction: resolution takes the
	 * identity graph's lock.
	 */
	public Optional<String> resolve(String channelId, String messageId, ChannelType medium, String address) {
		Sender sender = medium == ChannelType.EMAIL ? Sender.email(address, null)
				: new Sender(null, null, null, address, null);
		return senders.resolve(channelId, messageId, sender).map(Profile::id);
	}

	/**
	 * @param messageId the id the message gets
	 * @param medium the channel type it goes out through (EMAIL or SMS)
	 * @param channelId the channel, or null while none can carry it
	 * @param delivery PENDING while it waits in the outbox, else SENT or FAILED
	 * @return the message that shows it
	 */
	public Message thread(String profileId, String messageId, String subject, String body, ChannelType medium,
			@Nullable String channelId, String delivery) {
		String channel = channelId == null ? "" : channelId;
		String key = properties.threading() == ConversationProperties.Threading.PER_CHANNEL ? channel : "";
		Instant now = clock.instant();
		ConversationId conversation = store.findInProgress(profileId, key).map(c -> c.id()).orElse(null);
		if (conversation == null) {
			ConversationId fresh = ConversationId.next();
			int inserted = jdbc
				.sql("""
						insert into conversation (id, profile_id, thread_key, status, priority, medium, last_inbound_channel_id,
						                          subject, created_at, updated_at, last_message_at, awaiting_contact,
						                          notice_opened_at)
						values (:id, :profile, :key, 'PENDING', 'NORMAL', :medium, :channel, :subject, :at, :at, :at, true, :at)
						on conflict (profile_id, thread_key) where status <> 'RESOLVED' do nothing""")
				.param("id", fresh.value())
				.param("profile", profileId)
				.param("key", key)
				.param("medium", medium.name())
				.param("channel", channel)
				.param("subject", subject)
				.param("at", Timestamp.from(now))
				.update();
			// She wrote, or another notice came, at the same moment: join that thread
			conversation = inserted == 1 ? fresh : store.findInProgress(profileId, key).orElseThrow().id();
		}
		Message message = new Message(messageId, conversation, Direction.OUT, medium, channel, Author.SYSTEM,
				subject + "\n\n" + body, false, true, null, delivery, now, List.of());
		messages.insertMessage(message, null);
		jdbc.sql("update conversation set updated_at = :at, last_message_at = :at where id = :id")
			.param("id", conversation.value())
			.param("at", Timestamp.from(now))
			.update();
		refresh(conversation.value());
		return message;
	}

	/**
	 * The notice went out (or failed for good): its message shows how. A status the
	 * provider reported since (delivered) is not moved back.
	 */
	public void delivered(String messageId, ChannelType medium, String channelId, String delivery,
			@Nullable String error, @Nullable String emailMessageId) {
		jdbc.sql("""
				update conversation_message
				   set medium = :medium, channel_id = :channel, delivery_error = :error,
				       delivery = case when delivery in ('PENDING', 'QUEUED') or :delivery = 'FAILED' then :delivery
				                       else delivery end,
				       email_message_id = coalesce(:emailId, email_message_id)
				 where id = :id and direction = 'OUT' and automated""")
			.param("id", messageId)
			.param("medium", medium.name())
			.param("channel", channelId)
			.param("delivery", delivery)
			.param("error", error)
			.param("emailId", emailMessageId)
			.update();
		jdbc.sql("select conversation_id from conversation_message where id = :id")
			.param("id", messageId)
			.query(String.class)
			.optional()
			.ifPresent(this::refresh);
	}

	/**
	 * Consoles showing the conversation (on every node) load its thread again once this
	 * commits. Not a {@code MessageSent}: its listeners would send the notice a second
	 * time.
	 */
	private void refresh(String conversationId) {
		live.toConsoles(conversationId, Map.of("conversationId", conversationId));
	}

}
