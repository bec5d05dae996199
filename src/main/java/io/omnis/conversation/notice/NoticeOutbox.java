package io.omnis.conversation.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
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

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelStatus;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.conversation.ConversationProperties;
import io.omnis.conversation.Notice;
import io.omnis.conversation.messaging.Texts;
import io.omnis.customer.Profile;
import io.omnis.customer.Profiles;
import io.omnis.kernel.CustomerActivity;

/**
 * Sends the notices waiting in the outbox: by e-mail (SMTP) when the customer has an
 * address and the organisation an active e-mail channel, else by SMS when she has a phone
 * (and did not send STOP) and an SMS channel with a provider exists. A notice no channel
 * can carry waits, looked at again after a growing pause (at most
 * {@code omnis.conversation.notices.max-wait}). Safe on every node: each batch skips the
 * notices another node holds.
 */
@Component
class NoticeOutbox {

	private static final Logger log = LoggerFactory.getLogger(NoticeOutbox.class);

	private static final int BATCH = 20;

	private static final int MAX_FAILED_SENDS = 10;

	private final NoticeStore store;

	private final Channels channels;

	private final Profiles profiles;

	private final Texts texts;

	private final ObjectProvider<JavaMailSender> smtp;

	private final ConversationProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration maxWait;

	NoticeOutbox(NoticeStore store, Channels channels, Profiles profiles, Texts texts,
			ObjectProvider<JavaMailSender> smtp, ConversationProperties properties, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, Clock clock,
			@Value("${omnis.conversation.notices.max-wait:PT1M}") Duration maxWait) {
		this.store = store;
		this.channels = channels;
		this.profiles = profiles;
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
		Reach reach = reach(notice.customer());
		Optional<String> emailChannel = reach.email() == null || smtp.getIfAvailable() == null ? Optional.empty()
				: channels.page(null, 1, ChannelType.EMAIL, ChannelStatus.ACTIVE)
					.data()
					.stream()
					.map(Channel::id)
					.map(id -> id.value())
					.findFirst();
		Optional<String> smsChannel = emailChannel.isPresent() || reach.phone() == null ? Optional.empty()
				: texts.smsChannel();
		try {
			if (emailChannel.isPresent()) {
				email(notice, reach.email());
				store.sent(notice.id(), "EMAIL", emailChannel.get(), reach.email(), now);
				told(notice, "e-mail to " + reach.email(), emailChannel.get(), now);
			}
			else if (smsChannel.isPresent()) {
				texts.send(smsChannel.get(), reach.phone(), notice.subject() + "\n" + notice.body());
				store.sent(notice.id(), "SMS", smsChannel.get(), reach.phone(), now);
				told(notice, "SMS to " + reach.phone(), smsChannel.get(), now);
			}
			else {
				String why = reach.email() == null && reach.phone() == null
						? "the customer has no e-mail address or phone number (that accepts texts) yet"
						: "no e-mail or SMS channel can reach the customer yet";
				store.later(notice.id(), why, now.plus(pause(notice.attempts())), false);
			}
		}
		catch (RuntimeException | jakarta.mail.MessagingException ex) {
			log.warn("Could not send notice {}: {}", notice.id(), ex.getMessage());
			store.later(notice.id(), ex.getMessage() == null ? ex.toString() : ex.getMessage(),
					now.plus(pause(notice.attempts())), notice.attempts() + 1 >= MAX_FAILED_SENDS);
		}
	}

	private Duration pause(int attempts) {
		Duration pause = Duration.ofSeconds(1L << Math.min(attempts, 20));
		return pause.compareTo(maxWait) > 0 ? maxWait : pause;
	}

	private void email(Notice notice, String address) throws jakarta.mail.MessagingException {
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
		mime.setHeader("Message-ID", "<" + notice.id() + "@" + properties.email().domain() + ">");
		sender.send(mime);
	}

	private void told(Notice notice, String how, String channelId, Instant now) {
		events.publishEvent(new CustomerActivity(notice.customer(), now, "notice.sent", channelId,
				notice.subject() + " (" + how + ")", notice.reference() == null ? notice.id() : notice.reference()));
	}

	/** Her e-mail address and phone number, from her profile or the identifier given. */
	private Reach reach(String customer) {
		if (customer.startsWith("email:")) {
			return new Reach(customer.substring(6), null);
		}
		if (customer.startsWith("phone:")) {
			return new Reach(null, customer.substring(6));
		}
		Profile profile = profiles.find(customer).orElse(null);
		if (profile == null) {
			return new Reach(null, null);
		}
		String email = first(profile, "email");
		var sms = profile.consent().path("sms_marketing");
		boolean stopped = sms.has("granted") && !sms.path("granted").asBoolean();
		return new Reach(email, stopped ? null : first(profile, "phone"));
	}

	private static @Nullable String first(Profile profile, String type) {
		return profile.identifiers()
			.stream()
			.filter(i -> i.type().equals(type))
			.map(Profile.KnownIdentifier::value)
			.findFirst()
			.orElse(null);
	}

	private record Reach(@Nullable String email, @Nullable String phone) {
	}

}
