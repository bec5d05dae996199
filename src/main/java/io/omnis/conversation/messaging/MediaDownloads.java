package io.omnis.conversation.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.conversation.ConversationProperties;
import io.omnis.conversation.Message;
import io.omnis.conversation.internal.AttachmentRules;
import io.omnis.conversation.internal.MessageStore;
import io.omnis.conversation.internal.NewAttachment;
import io.omnis.kernel.Ids;

/**
 * The files of SMS, WhatsApp, Messenger and Instagram messages, fetched after the message
 * is stored so that agents see them as they see e-mail attachments. Each link is a row in
 * {@code message_media}: claimed by one node at a time ({@code SKIP LOCKED} and a lease),
 * tried again after a timeout or a server error, and failed for good with its reason when
 * it is too large, of a type not accepted, missing, or internal. The message keeps the
 * link in its text whatever happens to the file.
 */
@Service
public class MediaDownloads {

	private static final Logger log = LoggerFactory.getLogger(MediaDownloads.class);

	private static final int BATCH = 10;

	private static final Map<String, String> EXTENSIONS = Map.of("image/jpeg", "jpg", "image/png", "png", "image/gif",
			"gif", "image/webp", "webp", "application/pdf", "pdf", "text/plain", "txt", "text/csv", "csv",
			"application/zip", "zip", "audio/ogg", "ogg", "video/mp4", "mp4");

	private final JdbcClient jdbc;

	private final MessageStore messages;

	private final AttachmentRules rules;

	private final MessagingChannels channels;

	private final MediaDownloadProperties properties;

	private final MediaFetcher fetcher;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ExecutorService soon = Executors.newVirtualThreadPerTaskExecutor();

	private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();

	private final java.util.concurrent.atomic.AtomicBoolean again = new java.util.concurrent.atomic.AtomicBoolean();

	MediaDownloads(JdbcClient jdbc, MessageStore messages, AttachmentRules rules, MessagingChannels channels,
			ConversationProperties conversations, MediaDownloadProperties properties, TransactionTemplate transactions,
			Clock clock) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.rules = rules;
		this.channels = channels;
		this.properties = properties;
		this.fetcher = new MediaFetcher(conversations.attachments().maxSize().toBytes(), properties.timeout(),
				properties.allowPrivateAddresses());
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A link to a file as the provider sent it. */
	public record Media(String url, @Nullable String declaredType) {
	}

	/** A file of a message and what became of it. */
	public record Download(String id, String messageId, String url, @Nullable String declaredType, String state,
			int attempts, @Nullable String failure, @Nullable String attachmentId) {
	}

	/** Records the message's links to fetch, and starts fetching them on this node. */
	void queue(String messageId, String channelId, List<Media> media) {
		if (media.isEmpty()) {
			return;
		}
		Instant now = clock.instant();
		for (Media item : media) {
			jdbc.sql(
					"""
							insert into message_media (id, message_id, channel_id, url, declared_type, state, due_at, created_at,
							                           updated_at)
							values (:id, :message, :channel, :url, :type, 'PENDING', :now, :now, :now)""")
				.param("id", Ids.next("mda"))
				.param("message", messageId)
				.param("channel", channelId)
				.param("url", item.url())
				.param("type", item.declaredType())
				.param("now", Timestamp.from(now))
				.update();
		}
		kick();
	}

	/**
	 * One drain at a time on this node; a queue while it runs makes it go round again.
	 */
	private void kick() {
		again.set(true);
		if (running.compareAndSet(false, true)) {
			soon.execute(() -> {
				try {
					while (again.getAndSet(false)) {
						drain();
					}
				}
				finally {
					running.set(false);
				}
				if (again.get()) {
					kick();
				}
			});
		}
	}

	/** The files of a conversation's messages, oldest first. */
	public List<Download> ofConversation(String conversationId) {
		return jdbc.sql("""
				select d.* from message_media d join conversation_message m on m.id = d.message_id
				 where m.conversation_id = :id order by d.created_at, d.id limit 500""")
			.param("id", conversationId)
			.query((rs, row) -> new Download(rs.getString("id"), rs.getString("message_id"), rs.getString("url"),
					rs.getString("declared_type"), rs.getString("state"), rs.getInt("attempts"),
					rs.getString("failure"), rs.getString("attachment_id")))
			.list();
	}

	@Scheduled(fixedDelayString = "${omnis.conversation.attachments.download.interval:2s}", initialDelayString = "5s")
	void scheduled() {
		drain();
	}

	/**
	 * Fetches the files that are due, a batch at a time.
	 * @return how many were tried
	 */
	public int drain() {
		int tried = 0;
		try {
			List<Claimed> batch;
			do {
				batch = claim();
				batch.forEach(this::download);
				tried += batch.size();
			}
			while (batch.size() == BATCH);
		}
		catch (RuntimeException ex) {
			log.warn("Fetching message files failed; tried again in {}", properties.interval(), ex);
		}
		return tried;
	}

	private record Claimed(String id, String messageId, String channelId, String url, int attempts) {
	}

	private List<Claimed> claim() {
		Instant now = clock.instant();
		// Hidden from other nodes while it is fetched; after a crash it is due again
		Instant lease = now.plus(properties.timeout().multipliedBy(2)).plusSeconds(30);
		return jdbc.sql("""
				update message_media set attempts = attempts + 1, due_at = :lease, updated_at = :now
				 where id in (select id from message_media where state = 'PENDING' and due_at <= :now
				               order by due_at limit :batch for update skip locked)
				returning id, message_id, channel_id, url, attempts""")
			.param("now", Timestamp.from(now))
			.param("lease", Timestamp.from(lease))
			.param("batch", BATCH)
			.query((rs, row) -> new Claimed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getInt(5)))
			.list();
	}

	private void download(Claimed media) {
		MessagingSettings settings = channels.find(media.channelId()).orElse(null);
		String authorization = null;
		String authHost = null;
		if (settings != null && settings.provider() == Provider.TWILIO && settings.accountSid() != null
				&& settings.authToken() != null) {
			// Twilio serves media to the account (when media authentication is on)
			authorization = "Basic " + Base64.getEncoder()
				.encodeToString((settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
			authHost = java.net.URI.create(settings.baseUrl()).getRawAuthority();
		}
		try {
			MediaFetcher.Fetched fetched = fetcher.fetch(media.url(), authorization, authHost);
			NewAttachment file = new NewAttachment(filename(media.id(), fetched), fetched.contentType(),
					fetched.content());
			String refusal = rules.refusal(file);
			if (refusal != null) {
				fail(media, refusal, false);
				return;
			}
			String attachmentId = Ids.next("att");
			transactions.executeWithoutResult(status -> {
				messages.insertAttachment(media.messageId(), new Message.Attachment(attachmentId, file.filename(),
						file.contentType(), file.content().length), file.content());
				jdbc.sql("""
						update message_media set state = 'STORED', attachment_id = :attachment, failure = null,
						       updated_at = :now where id = :id""")
					.param("attachment", attachmentId)
					.param("now", Timestamp.from(clock.instant()))
					.param("id", media.id())
					.update();
			});
		}
		catch (MediaFetcher.Refused ex) {
			fail(media, String.valueOf(ex.getMessage()), ex.retry);
		}
	}

	private void fail(Claimed media, String reason, boolean retry) {
		boolean again = retry && media.attempts() < properties.attempts();
		Instant now = clock.instant();
		jdbc.sql("""
				update message_media set state = :state, failure = :failure, due_at = :due, updated_at = :now
				 where id = :id""")
			.param("state", again ? "PENDING" : "FAILED")
			.param("failure", "The file " + reason)
			.param("due", Timestamp.from(now.plusSeconds(5L * media.attempts())))
			.param("now", Timestamp.from(now))
			.param("id", media.id())
			.update();
	}

	/** The name in the link when it is a plain one, otherwise one made from the type. */
	private static String filename(String id, MediaFetcher.Fetched fetched) {
		String path = fetched.from().getPath();
		String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
		if (last.matches("[A-Za-z0-9._-]{1,100}") && last.indexOf('.') > 0) {
			return last;
		}
		String base = last.matches("[A-Za-z0-9_-]{1,60}") ? last : id;
		String extension = EXTENSIONS.get(fetched.contentType().toLowerCase(Locale.ROOT));
		return extension == null ? base : base + "." + extension;
	}

}
