package io.omnis.conversation.messaging;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelStatus;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;

/**
 * Texts sent on Omnis' own initiative (not answers in a conversation) through an active
 * SMS channel that has provider settings.
 */
@Component
public class Texts {

	private final Channels registry;

	private final MessagingChannels channels;

	private final List<MessagingProvider> providers;

	private final ExternalMessages external;

	private final MessagingProperties properties;

	Texts(Channels registry, MessagingChannels channels, List<MessagingProvider> providers, ExternalMessages external,
			MessagingProperties properties) {
		this.registry = registry;
		this.channels = channels;
		this.providers = providers;
		this.external = external;
		this.properties = properties;
	}

	/** The first active SMS channel Omnis can send through. */
	public Optional<String> smsChannel() {
		return registry.page(null, 100, ChannelType.SMS, ChannelStatus.ACTIVE)
			.data()
			.stream()
			.map(Channel::id)
			.map(id -> id.value())
			.filter(id -> channels.find(id).isPresent())
			.findFirst();
	}

	/**
	 * @return the provider's id of the message
	 * @throws IllegalStateException when the provider refused it or could not be reached
	 */
	public String send(String channelId, String to, String text) {
		return send(channelId, to, text, null);
	}

	/**
	 * Sends a text that a conversation message shows: the provider's id is recorded
	 * against the message, and its delivery status callbacks move the message's delivery
	 * as they do for an agent's answer.
	 * @param messageId the conversation message, or null for a text no thread shows
	 * @return the provider's id of the message
	 * @throws IllegalStateException when the provider refused it or could not be reached
	 */
	public String send(String channelId, String to, String text, @Nullable String messageId) {
		MessagingSettings settings = channels.find(channelId)
			.orElseThrow(() -> new IllegalStateException("The channel has no provider settings"));
		MessagingProvider provider = providers.stream()
			.filter(p -> p.kind() == settings.provider())
			.findFirst()
			.orElseThrow();
		try {
			if (messageId == null) {
				return provider.send(settings, to, text, null).externalId();
			}
			if (external.outgoing(messageId).isEmpty()) {
				// Not on an earlier attempt the provider refused
				external.outbound(channelId, messageId, to);
			}
			String callback = settings.provider() != Provider.TWILIO || properties.publicUrl().isBlank() ? null
					: Webhook.strip(properties.publicUrl()) + "/hooks/twilio/" + channelId + "/status?message="
							+ messageId;
			MessagingProvider.Sent sent = provider.send(settings, to, text, callback);
			external.named(messageId, sent.externalId());
			external.delivery(messageId, sent.delivery(), null);
			return sent.externalId();
		}
		catch (MessagingProvider.ProviderRefusal ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

}
