package io.omnis.conversation.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.ConversationProperties;
import io.omnis.conversation.internal.Inbound;
import io.omnis.conversation.internal.Intake;
import io.omnis.conversation.internal.MessageText;
import io.omnis.conversation.internal.Sender;
import io.omnis.conversation.internal.Senders;
import io.omnis.conversation.quality.Surveys;
import io.omnis.customer.Profiles;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.ProblemException;

/**
 * Takes in a message a provider delivered: once per provider message id, however often
 * the webhook comes; STOP and START keywords change her SMS consent and are acknowledged
 * rather than routed to an agent; every other message joins her conversation.
 */
@Service
class MessagingIntake {

	/** The consent purpose the keywords change (sms_marketing). */
	static final String SMS_CONSENT = "sms";

	static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");

	static final Set<String> START = Set.of("START", "UNSTOP");

	private final ExternalMessages external;

	private final Intake intake;

	private final Senders senders;

	private final Profiles profiles;

	private final ConversationProperties conversations;

	private final MessagingProperties properties;

	private final Surveys surveys;

	private final MediaDownloads downloads;

	MessagingIntake(ExternalMessages external, Intake intake, Senders senders, Profiles profiles,
			ConversationProperties conversations, MessagingProperties properties, Surveys surveys,
			MediaDownloads downloads) {
		this.downloads = downloads;
		this.surveys = surveys;
		this.external = external;
		this.intake = intake;
		this.senders = senders;
		this.profiles = profiles;
		this.conversations = conversations;
		this.properties = properties;
	}

	/**
	 * A message as a provider delivered it.
	 *
	 * @param externalId the provider's id of it (MessageSid, mid)
	 * @param address where she wrote from, as the provider names it: answers go there
	 * @param keywords whether STOP and START are keywords in this channel (SMS)
	 */
	record Delivered(String channelId, ChannelType medium, String externalId, String address, Sender sender,
			String body, boolean keywords, List<MediaDownloads.Media> media) {

		Delivered(String channelId, ChannelType medium, String externalId, String address, Sender sender, String body,
				boolean keywords) {
			this(channelId, medium, externalId, address, sender, body, keywords, List.of());
		}

	}

	/** What became of it. */
	enum Outcome {

		STORED, DUPLICATE, OPTED_OUT, OPTED_IN,

		/** A reply of one digit to a survey sent in this channel: her rating. */
		RATED

	}

	record Result(Outcome outcome, @Nullable String conversationId, @Nullable String messageId) {
	}

	/**
	 * Checks a message before anything is claimed or stored, so that a refused batch
	 * leaves nothing behind.
	 */
	void check(Delivered message) {
		MessageText.checked(message.body(), conversations.maxMessage(), "Body");
	}

	Result take(Delivered message) {
		check(message);
		ExternalMessages.Claim claim = external.claim(message.channelId(), message.externalId(), message.address(),
				properties.claimTimeout());
		if (claim instanceof ExternalMessages.Claim.Seen seen) {
			return new Result(Outcome.DUPLICATE, null, seen.messageId());
		}
		try {
			String keyword = message.body().strip().toUpperCase(Locale.ROOT);
			if (message.keywords() && (STOP.contains(keyword) || START.contains(keyword))) {
				boolean granted = START.contains(keyword);
				String profileId = senders.profileOf(message.channelId(), Ids.next("msg"), message.sender())
					.orElseThrow(() -> ProblemException.invalidField("From", "carries no identifier Omnis accepts"));
				profiles.recordConsent(profileId, SMS_CONSENT, granted, message.channelId());
				external.keyword(message.channelId(), message.externalId());
				return new Result(granted ? Outcome.OPTED_IN : Outcome.OPTED_OUT, null, null);
			}
			if (message.medium() == ChannelType.SMS
					&& surveys.answerByReply(message.channelId(), message.address(), message.body()).isPresent()) {
				external.keyword(message.channelId(), message.externalId());
				return new Result(Outcome.RATED, null, null);
			}
			Intake.Received received = intake
				.receive(new Inbound(message.channelId(), message.medium(), message.sender(), message.body(), false,
						null, List.of()))
				.orElseThrow();
			external.stored(message.channelId(), message.externalId(), received.message().id());
			downloads.queue(received.message().id(), message.channelId(), message.media());
			return new Result(Outcome.STORED, received.conversation().id().value(), received.message().id());
		}
		catch (RuntimeException ex) {
			external.release(message.channelId(), message.externalId());
			throw ex;
		}
	}

}
