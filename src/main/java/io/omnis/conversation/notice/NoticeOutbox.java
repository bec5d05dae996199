package io.omnis.conversation.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.ConversationProperties;
import io.omnis.conversation.Notice;
import io.omnis.conversation.messaging.Texts;
import io.omnis.kernel.CustomerActivity;

/**
 * Sends the notices waiting in the outbox: by e-mail (SMTP) when the customer has an
 * address and the organisation an active e-mail channel, else by SMS when she has a phone
 * (and did not send STOP) and an SMS channel with a provider exists. A notice no channel
 * can carry waits, looked at again after a growing pause (at most
 * {@code omnis.conversation.notices.max-wait}). The customer's conversation shows each
 * notice and how it went out ({@link ThreadedNotices}). Safe on every node: each batch
 * skips the notices another node holds.
 */
@Component
class NoticeOutbox {

	private static final Logger log = LoggerFactory.getLogger(NoticeOutbox.class);

	private static final int BATCH = 20;

	private static final int MAX_FAILED_SENDS = 10;

	private final NoticeStore store;

	private final NoticeRoutes routes;

	private final ThreadedNotices threads;

	private final Texts texts;

	private final ObjectProvider<JavaMailSender> smtp;

	private final ConversationProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration maxWait;

	NoticeOutbox(NoticeStore store, NoticeRoutes routes, ThreadedNotices threads, Texts texts,
			ObjectProvider<JavaMailSender> smtp, ConversationProperties properties, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, Clock clock,
			@Value("${omnis.conversation.notices.max-wait:PT1M}") Duration maxWait) {
		this.store = store;
		this.routes = routes;
		this.threads = threads;
		this.texts = texts;
		this.smtp = smtp;
		this.properties = properties;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.maxWait = maxWait;
	}

	@Scheduled(fixedDelayString = "${omnis.conversation.notices.poll-interval:PT1S}")
	void deliver() {
		threads.adopt(clock.instant());
		Integer handled;
		do {
			handled = transactions.execute(status -> {
				List<Notice> due = store.lockDue(clock.instant(), BATCH);
				due.forEach(this::deliver);
				return due.size();
			});
		}
		while (handled != null && handled == BATCH);
	}

	private void deliver(Notice notice) {
		Instant now = clock.instant();
		NoticeRoutes.Reach reach = routes.reach(notice.customer());
		NoticeRoutes.Route route = routes.route(reach).orElse(null);
		if (route == null) {
			String why = reach.email() == null && reach.phone() == null
					? "the customer has no e-mail address or phone number (that accepts texts) yet"
					: "no e-mail or SMS channel can reach the customer yet";
			store.later(notice.id(), why, now.plus(pause(notice.attempts())), false);
			return;
		}
		try {
			if (route.medium() == ChannelType.EMAIL) {
				String emailId = email(notice, route.address());
				store.sent(notice.id(), "EMAIL", route.channelId(), route.address(), now);
				threads.delivered(notice, route, "SENT", null, emailId);
				told(notice, "e-mail to " + route.address(), route.channelId(), now);
			}
			else {
				texts.send(route.channelId(), route.address(), notice.subject() + "\n" + notice.body(),
						notice.messageId());
				store.sent(notice.id(), "SMS", route.channelId(), route.address(), now);
				threads.delivered(notice, route, "SENT", null, null);
				told(notice, "SMS to " + route.address(), route.channelId(), now);
			}
		}
		catch (RuntimeException | jakarta.mail.MessagingException ex) {
			log.warn("Could not send notice {}: {}", notice.id(), ex.getMessage());
			String error = ex.getMessage() == null ? ex.toString() : ex.getMessage();
			boolean give = notice.attempts() + 1 >= MAX_FAILED_SENDS;
			store.later(notice.id(), error, now.plus(pause(notice.attempts())), give);
			if (give) {
				threads.delivered(notice, route, "FAILED", error.length() > 500 ? error.substring(0, 500) : error,
						null);
			}
		}
	}

	private Duration pause(int attempts) {
		Duration pause = Duration.ofSeconds(1L << Math.min(attempts, 20));
		return pause.compareTo(maxWait) > 0 ? maxWait : pause;
	}

	/**
	 * Sends it by e-mail; returns the Message-ID it went out with, which a reply names.
	 */
	private String email(Notice notice, String address) throws jakarta.mail.MessagingException {
		JavaMailSender sender = smtp.getObject();
		MimeMessage mime = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(mime, "UTF-8");
		helper.setFrom(new InternetAddress(properties.email().from()));
		helper.setTo(address);
		helper.setSubject(notice.subject());
		helper.setText(notice.body());
		// RFC 3834: sent by a machine; an auto-reply must not answer it
		mime.setHeader("Auto-Submitted", "auto-generated");
		mime.saveChanges();
		String messageId = "<" + notice.id() + "@" + properties.email().domain() + ">";
		mime.setHeader("Message-ID", messageId);
		sender.send(mime);
		return messageId;
	}

	private void told(Notice notice, String how, String channelId, Instant now) {
		events.publishEvent(new CustomerActivity(notice.customer(), now, "notice.sent", channelId,
				notice.subject() + " (" + how + ")", notice.reference() == null ? notice.id() : notice.reference()));
	}

}
