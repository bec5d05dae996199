package io.omnis.conversation.messaging;

import java.util.List;
import java.util.Optional;

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

	Texts(Channels registry, MessagingChannels channels, List<MessagingProvider> providers) {
		this.registry = registry;
		this.channels = channels;
		this.providers = providers;
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
		MessagingSettings settings = channels.find(channelId)
			.orElseThrow(() -> new IllegalStateException("The channel has no provider settings"));
		MessagingProvider provider = providers.stream()
			.filter(p -> p.kind() == settings.provider())
			.findFirst()
			.orElseThrow();
		try {
			return provider.send(settings, to, text, null).externalId();
		}
		catch (MessagingProvider.ProviderRefusal ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

}
