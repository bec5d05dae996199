package io.omnis.conversation.assistant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.omnis.conversation.AnswerProvider;
import io.omnis.conversation.AnswerProvider.Answer;
import io.omnis.conversation.AnswerProvider.Question;
import io.omnis.conversation.AnswerProvider.Turn;
import io.omnis.conversation.AssistantEvents.HandedOver;
import io.omnis.conversation.Author;
import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.Conversation;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.Conversations;
import io.omnis.conversation.Message;

/**
 * The self-service assistant of chat and messaging channels. It answers each message of a
 * conversation it holds from its {@link AnswerProvider}s, citing the article; resolves
 * the conversation when she says the answer settled it; and hands it to a person, with
 * the transcript as a private note, when she asks for one, when the answer did not help,
 * when no provider answers, or after a few answers that settled nothing.
 */
@Service
@Transactional
public class Assistant {

	static final Author AUTHOR = new Author(AuthorKind.ASSISTANT, null, "Assistant");

	static final String CONFIRM = "Did this answer your question? Reply yes, or ask for a person.";

	/** Answers in one conversation before a person takes over. */
	static final int MAX_ANSWERS = 4;

	private final Conversations conversations;

	private final Handling handling;

	private final AssistantChannels channels;

	private final List<AnswerProvider> providers;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Assistant(Conversations conversations, Handling handling, AssistantChannels channels,
			List<AnswerProvider> providers, ApplicationEventPublisher events, Clock clock) {
		this.conversations = conversations;
		this.handling = handling;
		this.channels = channels;
		this.providers = providers;
		this.events = events;
		this.clock = clock;
	}

	/** Answers the customer's message if the assistant holds her conversation. */
	public void respond(ConversationId id, String messageId) {
		if (!handling.heldByAssistant(id)) {
			return;
		}
		Conversation conversation = conversations.get(id.value());
		List<Message> thread = conversations.messages(id.value(), false, null, 200).data();
		Message message = thread.stream().filter(m -> m.id().equals(messageId)).findFirst().orElse(null);
		if (message == null || conversation.isResolved()) {
			return;
		}
		List<Turn> transcript = thread.stream()
			.filter(m -> m.id().compareTo(messageId) <= 0)
			.map(m -> new Turn(m.author().kind(), m.body()))
			.toList();
		String text = message.body();
		Optional<Turn> previous = transcript.reversed()
			.stream()
			.filter(turn -> turn.author() == AuthorKind.ASSISTANT)
			.findFirst();
		boolean confirming = previous.map(turn -> turn.text().endsWith(CONFIRM)).orElse(false);
		if (Intent.asksForPerson(text)) {
			handOver(conversation, "the customer asked for a person", transcript);
			return;
		}
		if (confirming && Intent.settled(text)) {
			say(id, "Glad I could help. Write again any time.");
			conversations.resolve(id.value(), AUTHOR);
			return;
		}
		if (confirming && Intent.notHelped(text)) {
			handOver(conversation, "the answer did not help", transcript);
			return;
		}
		if (transcript.stream().filter(turn -> turn.author() == AuthorKind.ASSISTANT).count() >= MAX_ANSWERS) {
			handOver(conversation, "the assistant answered " + MAX_ANSWERS + " times without settling it", transcript);
			return;
		}
		String locale = channels.find(message.channelId()).map(AssistantChannels.Enabled::locale).orElse("en");
		Question question = new Question(id, conversation.profileId(), conversation.medium(), locale, text, transcript);
		for (AnswerProvider provider : providers) {
			Optional<Answer> answer = provider.answer(question);
			if (answer.isPresent()) {
				say(id, answer.get().settles() ? answer.get().text() + "\n\n" + CONFIRM : answer.get().text());
				return;
			}
		}
		handOver(conversation, "no article answers the question", transcript);
	}

	/** A person took the conversation: the assistant lets go without a word. */
	public void release(ConversationId id) {
		handling.handOver(id, clock.instant());
	}

	private void handOver(Conversation conversation, String reason, List<Turn> transcript) {
		Instant now = clock.instant();
		if (!handling.handOver(conversation.id(), now)) {
			return;
		}
		say(conversation.id(),
				"I'm passing you to a person, who will see our conversation so far. " + "Please wait a moment.");
		StringBuilder note = new StringBuilder("Handed over by the assistant: ").append(reason)
			.append(".\n\nTranscript:\n");
		for (Turn turn : transcript) {
			note.append(turn.author() == AuthorKind.CUSTOMER ? "Customer" : "Assistant")
				.append(": ")
				.append(turn.text())
				.append('\n');
		}
		String text = note.length() > 9000 ? note.substring(0, 8990) + "\n…" : note.toString();
		conversations.reply(conversation.id().value(), text, true, null, Author.SYSTEM);
		events.publishEvent(new HandedOver(conversation.id(), conversation.profileId(), reason, now));
	}

	private void say(ConversationId id, String text) {
		conversations.reply(id.value(), text, false, null, AUTHOR);
	}

}
