package io.omnis.conversation.messaging;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.ConversationEvents.MessageSent;

/**
 * Sends SMS, WhatsApp and social answers through their channel's provider once the answer
 * is committed, and records what the provider said: its message id (which delivery
 * statuses name later) and the first delivery state, or the failure.
 */
@Component
class MessagingAnswers {

	private static final Logger log = LoggerFactory.getLogger(MessagingAnswers.class);

	private final ExternalMessages external;

	private final MessagingChannels channels;

	private final List<MessagingProvider> providers;

	private final MessagingProperties properties;

	MessagingAnswers(ExternalMessages external, MessagingChannels channels, List<MessagingProvider> providers,
			MessagingProperties properties) {
		this.external = external;
		this.channels = channels;
		this.providers = providers;
		this.properties = properties;
	}

	@ApplicationModuleListener
	void on(MessageSent sent) {
		if (sent.privateNote() || (sent.medium() != ChannelType.SMS && sent.medium() != ChannelType.SOCIAL)) {
			return;
		}
		external.outgoing(sent.messageId()).ifPresent(this::send);
	}

	private void send(ExternalMessages.Outgoing answer) {
		MessagingSettings settings = channels.find(answer.channelId()).orElse(null);
		if (settings == null) {
			external.delivery(answer.messageId(), "FAILED", "The channel has no provider settings any more");
			return;
		}
		MessagingProvider provider = providers.stream()
			.filter(p -> p.kind() == settings.provider())
			.findFirst()
			.orElseThrow();
		try {
			MessagingProvider.Sent sent = provider.send(settings, answer.address(), answer.body(),
					statusCallback(settings, answer));
			external.named(answer.messageId(), sent.externalId());
			external.delivery(answer.messageId(), sent.delivery(), null);
		}
		catch (MessagingProvider.ProviderRefusal ex) {
			log.warn("Could not send answer {} through {}: {}", answer.messageId(), settings.provider(),
					ex.getMessage());
			external.delivery(answer.messageId(), "FAILED", ex.getMessage());
		}
	}

	private @Nullable String statusCallback(MessagingSettings settings, ExternalMessages.Outgoing answer) {
		if (settings.provider() != Provider.TWILIO || properties.publicUrl().isBlank()) {
			return null;
		}
		return Webhook.strip(properties.publicUrl()) + "/hooks/twilio/" + answer.channelId() + "/status?message="
				+ answer.messageId();
	}

}
