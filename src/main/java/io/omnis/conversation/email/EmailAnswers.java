package io.omnis.conversation.email;

import java.util.stream.Collectors;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.ConversationEvents.MessageSent;
import io.omnis.conversation.ConversationProperties;
import io.omnis.conversation.internal.MessageStore;
import io.omnis.conversation.internal.MessageStore.OutgoingEmail;

/**
 * Sends e-mail answers through the SMTP server of Spring Boot's mail settings
 * ({@code spring.mail.*}), after the answer is committed, with the Message-ID and
 * threading headers that keep it in the customer's thread in any mail client.
 */
@Component
class EmailAnswers {

	private static final Logger log = LoggerFactory.getLogger(EmailAnswers.class);

	private final ObjectProvider<JavaMailSender> smtp;

	private final MessageStore store;

	private final ConversationProperties.Email settings;

	EmailAnswers(ObjectProvider<JavaMailSender> smtp, MessageStore store, ConversationProperties properties) {
		this.smtp = smtp;
		this.store = store;
		this.settings = properties.email();
	}

	@ApplicationModuleListener
	void on(MessageSent sent) {
		if (sent.medium() != ChannelType.EMAIL || sent.privateNote()) {
			return;
		}
		store.outgoingEmail(sent.messageId()).ifPresent(this::send);
	}

	private void send(OutgoingEmail email) {
		JavaMailSender sender = smtp.getIfAvailable();
		if (sender == null) {
			store.delivery(email.id(), "FAILED", "No SMTP server is configured (spring.mail.host)", null);
			return;
		}
		try {
			MimeMessage mime = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(mime, "UTF-8");
			helper.setFrom(new InternetAddress(settings.from()));
			helper.setTo(email.address());
			helper.setSubject(email.subject());
			helper.setText(email.body());
			if (email.inReplyTo() != null) {
				mime.setHeader("In-Reply-To", email.inReplyTo());
			}
			if (!email.references().isEmpty()) {
				mime.setHeader("References", email.references().stream().collect(Collectors.joining(" ")));
			}
			if (email.authorKind() == AuthorKind.SYSTEM) {
				// RFC 3834: an automatic answer, which other systems must not answer
				mime.setHeader("Auto-Submitted", "auto-replied");
			}
			mime.saveChanges();
			// saveChanges() makes a Message-ID of its own; ours is what threads replies
			mime.setHeader("Message-ID", email.messageId());
			sender.send(mime);
			store.delivery(email.id(), "SENT", null, null);
		}
		catch (Exception ex) {
			log.warn("Could not send e-mail answer {}", email.id(), ex);
			store.delivery(email.id(), "FAILED", ex.getMessage() == null ? ex.toString() : ex.getMessage(), null);
		}
	}

}
