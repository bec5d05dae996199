package io.omnis.conversation.email;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelId;
import io.omnis.channel.ChannelType;
import io.omnis.channel.Channels;
import io.omnis.kernel.problem.ProblemException;

/**
 * The channel that e-mail polled from the support mailbox arrives through: the first
 * active e-mail channel, or one named "E-mail" created on first use.
 */
@Component
class EmailChannel {

	private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

	static final String NAME = "E-mail";

	private final Channels channels;

	private volatile ChannelId cached;

	EmailChannel(Channels channels) {
		this.channels = channels;
	}

	ChannelId id() {
		ChannelId known = cached;
		if (known != null && channels.find(known).filter(Channel::isActive).isPresent()) {
			return known;
		}
		ChannelId found = channels.page(null, 200, ChannelType.EMAIL, io.omnis.channel.ChannelStatus.ACTIVE)
			.data()
			.stream()
			.findFirst()
			.map(Channel::id)
			.orElseGet(this::create);
		cached = found;
		return found;
	}

	private ChannelId create() {
		try {
			ChannelId id = channels.create(ChannelType.EMAIL, NAME, "The support mailbox", Set.of()).channel().id();
			log.info("Created the e-mail channel {} for the support mailbox", id);
			return id;
		}
		catch (ProblemException ex) {
			// Another node created it at the same moment
			return channels.page(null, 200, ChannelType.EMAIL, null).data().getFirst().id();
		}
	}

}
