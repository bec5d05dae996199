package io.omnis.conversation;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import io.omnis.channel.ChannelType;

/**
 * The organisation's conversation settings ({@code omnis.conversation.*}).
 *
 * @param threading one thread in progress per customer across every channel, or one per
 * channel
 * @param reopenWithin a customer who writes again within this time after her thread was
 * resolved reopens it, rather than starting a new one
 * @param maxMessage the longest message body, in characters
 * @param capacity how many conversations in progress an agent takes at once per channel
 * type, unless set for her
 * @param attachments what files a message may carry
 * @param email sending and receiving e-mail
 */
@ConfigurationProperties("omnis.conversation")
public record ConversationProperties(@DefaultValue("per-customer") Threading threading,
		@DefaultValue("7d") Duration reopenWithin, @DefaultValue("10000") int maxMessage,
		@Nullable Map<ChannelType, Integer> capacity, @DefaultValue Attachments attachments,
		@DefaultValue Email email) {

	public ConversationProperties {
		Map<ChannelType, Integer> merged = new EnumMap<>(ChannelType.class);
		merged.put(ChannelType.CHAT, 3);
		merged.put(ChannelType.EMAIL, 10);
		if (capacity != null) {
			merged.putAll(capacity);
		}
		capacity = Map.copyOf(merged);
	}

	public int defaultCapacity(ChannelType medium) {
		Map<ChannelType, Integer> capacities = capacity == null ? Map.of() : capacity;
		return capacities.getOrDefault(medium, 5);
	}

	/** How threads are kept. */
	public enum Threading {

		/** One thread in progress per customer, whichever channel she writes through. */
		PER_CUSTOMER,

		/** One thread in progress per customer and channel. */
		PER_CHANNEL

	}

	/**
	 * @param maxSize the largest file
	 * @param maxCount the most files on one message
	 * @param allowedTypes media types accepted ({@code image/*} matches every image)
	 * @param forbiddenExtensions file name endings refused whatever their declared type
	 */
	public record Attachments(@DefaultValue("10MB") DataSize maxSize, @DefaultValue("10") int maxCount, @DefaultValue( {
			"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain", "text/csv",
			"application/zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }) List<String> allowedTypes,
			@DefaultValue({ "exe", "bat", "cmd", "com", "scr", "msi", "js", "vbs", "jar", "ps1", "sh", "html", "htm",
					"svg" }) List<String> forbiddenExtensions){
	}

	/**
	 * @param from the address replies are sent from (and that customers write to)
	 * @param domain the right-hand side of the Message-IDs Omnis makes
	 * @param acknowledge whether a new e-mail conversation gets an automatic
	 * acknowledgement (never sent to automated mail)
	 * @param imap the mailbox polled for customers' e-mail
	 */
	public record Email(@DefaultValue("support@omnis.local") String from, @DefaultValue("omnis.local") String domain,
			@DefaultValue("false") boolean acknowledge, @DefaultValue Imap imap) {
	}

	/**
	 * @param host empty: no mailbox is polled
	 * @param pollInterval how long to wait between two looks at the mailbox
	 */
	public record Imap(@DefaultValue("") String host, @DefaultValue("993") int port, @DefaultValue("true") boolean ssl,
			@DefaultValue("") String username, @DefaultValue("") String password, @DefaultValue("INBOX") String folder,
			@DefaultValue("2s") Duration pollInterval) {

		public boolean enabled() {
			return !host.isBlank();
		}

	}

}
