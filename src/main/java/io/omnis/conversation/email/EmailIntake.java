package io.omnis.conversation.email;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.Author;
import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.ConversationProperties;
import io.omnis.conversation.Conversations;
import io.omnis.conversation.internal.Inbound;
import io.omnis.conversation.internal.Intake;
import io.omnis.conversation.internal.Sender;

/**
 * Takes in a raw e-mail from the polled mailbox or the inbound webhook: loops (mail Omnis
 * sent itself) are ignored, duplicates are recognised by Message-ID, and automated mail
 * joins its thread without ever being answered.
 */
@Service
public class EmailIntake {

	private static final Logger log = LoggerFactory.getLogger(EmailIntake.class);

	private final Intake intake;

	private final Conversations conversations;

	private final EmailChannel defaultChannel;

	private final ConversationProperties.Email settings;

	EmailIntake(Intake intake, Conversations conversations, EmailChannel defaultChannel,
			ConversationProperties properties) {
		this.intake = intake;
		this.conversations = conversations;
		this.defaultChannel = defaultChannel;
		this.settings = properties.email();
	}

	/** What became of an e-mail. */
	public enum Outcome {

		STORED, DUPLICATE, OWN_MAIL, AUTOMATED_WITHOUT_THREAD

	}

	/**
	 * The outcome, and where the mail went when it was stored.
	 */
	public record Result(Outcome outcome, @Nullable String conversationId, @Nullable String messageId) {
	}

	/**
	 * Reads and stores one e-mail that arrived through a channel (the support mailbox's
	 * when {@code channelId} is null).
	 */
	public Result receive(byte[] raw, @Nullable String channelId) {
		ParsedMail mail = MailParser.parse(raw);
		if (isOwn(mail)) {
			log.debug("Ignored {}: Omnis sent it", mail.messageId());
			return new Result(Outcome.OWN_MAIL, null, null);
		}
		String channel = channelId != null ? channelId : defaultChannel.id().value();
		Inbound inbound = new Inbound(channel, ChannelType.EMAIL, Sender.email(mail.fromAddress(), mail.fromName()),
				mail.text(), mail.automated(), new Inbound.Email(mail.messageId(), mail.inReplyTo(), mail.references(),
						mail.fromAddress(), mail.subject()),
				mail.attachments());
		Optional<Intake.Received> received;
		try {
			received = intake.receive(inbound);
		}
		catch (DuplicateKeyException ex) {
			// The same mail taken in by another node (or the webhook and the mailbox) at
			// once
			return new Result(Outcome.DUPLICATE, null, null);
		}
		if (received.isEmpty()) {
			return new Result(mail.automated() ? Outcome.AUTOMATED_WITHOUT_THREAD : Outcome.DUPLICATE, null, null);
		}
		Intake.Received stored = received.get();
		if (stored.opened() && settings.acknowledge() && !mail.automated()) {
			conversations.reply(stored.conversation().id().value(),
					"Thank you for your message. We have received it and will answer as soon as we can.", false,
					ChannelType.EMAIL, new Author(AuthorKind.SYSTEM, null, "Omnis"));
		}
		return new Result(Outcome.STORED, stored.conversation().id().value(), stored.message().id());
	}

	/** Mail with a Message-ID Omnis made, or from Omnis' own address: a loop. */
	private boolean isOwn(ParsedMail mail) {
		return mail.messageId()
			.toLowerCase(Locale.ROOT)
			.endsWith("@" + settings.domain().toLowerCase(Locale.ROOT) + ">")
				|| mail.fromAddress().equalsIgnoreCase(settings.from());
	}

}
