package io.omnis.conversation;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import io.omnis.channel.Channel;
import io.omnis.channel.ChannelId;
import io.omnis.channel.Channels;
import io.omnis.conversation.internal.Inbound;
import io.omnis.conversation.internal.Intake;
import io.omnis.conversation.internal.Sender;
import io.omnis.kernel.problem.ProblemException;

/**
 * Takes in a customer's message for an in-process channel adapter (an importer, the
 * demo), exactly as {@code POST /api/v1/conversations/inbound/messages} does for a remote
 * one: the sender is attached to her profile and the message lands in her thread.
 */
@Service
public class CustomerMessages {

	private final Intake intake;

	private final Channels channels;

	CustomerMessages(Intake intake, Channels channels) {
		this.intake = intake;
		this.channels = channels;
	}

	/**
	 * Stores the message that came through {@code channel}.
	 * @return the conversation it landed in
	 * @throws ProblemException when the text or the sender is refused; nothing is stored
	 */
	public ConversationId receive(ChannelId channel, From from, String text) {
		Channel source = channels.get(channel);
		return intake.receive(new Inbound(source.id().value(), source.type(),
				new Sender(null, from.userId(), from.email(), from.phone(), from.name()), text, false, null, List.of()))
			.orElseThrow(() -> ProblemException.invalidField("text", "was not taken in"))
			.conversation()
			.id();
	}

	/** What the channel knows of the sender; at least one identifier. */
	public record From(@Nullable String email, @Nullable String phone, @Nullable String userId, @Nullable String name) {
	}

}
