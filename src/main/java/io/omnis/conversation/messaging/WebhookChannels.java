package io.omnis.conversation.messaging;

import org.springframework.stereotype.Component;

import io.omnis.channel.Channel;
import io.omnis.channel.Channels;
import io.omnis.kernel.Ids;
import io.omnis.kernel.problem.NotFoundException;

/**
 * The channel a webhook names in its path, with its provider settings: unknown, disabled
 * or not set up for that provider, it is a 404 and nothing is read.
 */
@Component
class WebhookChannels {

	private final Channels channels;

	private final MessagingChannels settings;

	WebhookChannels(Channels channels, MessagingChannels settings) {
		this.channels = channels;
		this.settings = settings;
	}

	record Configured(Channel channel, MessagingSettings settings) {
	}

	Configured configured(String channelId, Provider provider) {
		if (!Ids.isValid(io.omnis.channel.ChannelId.PREFIX, channelId)) {
			throw new NotFoundException("channel", channelId);
		}
		Channel channel = channels.find(new io.omnis.channel.ChannelId(channelId))
			.filter(Channel::isActive)
			.orElseThrow(() -> new NotFoundException("channel", channelId));
		MessagingSettings found = settings.find(channelId)
			.filter(s -> s.provider() == provider)
			.orElseThrow(() -> new NotFoundException("channel", channelId));
		return new Configured(channel, found);
	}

}
