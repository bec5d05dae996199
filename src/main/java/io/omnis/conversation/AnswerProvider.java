package io.omnis.conversation;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.omnis.channel.ChannelType;

/**
 * Something the self-service assistant asks for an answer to the customer's last message:
 * the knowledge base today; an order module ("where is my order") or a language model
 * later. Providers are asked in their {@code @Order}; the first answer wins, and when
 * none answers the conversation goes to a person.
 */
public interface AnswerProvider {

	Optional<Answer> answer(Question question);

	/**
	 * @param transcript the conversation so far, oldest first, private notes left out;
	 * the last turn is {@code text}
	 */
	record Question(ConversationId conversationId, String profileId, ChannelType medium, String locale, String text,
			List<Turn> transcript) {
	}

	record Turn(AuthorKind author, String text) {
	}

	/**
	 * @param text what the assistant says, plain text, short enough for SMS
	 * @param citedUrl the page the answer comes from, if any
	 * @param settles whether this settles the question (a follow-up question such as
	 * "what is your order number?" does not)
	 */
	record Answer(String text, @Nullable String citedArticleId, @Nullable String citedUrl, boolean settles) {
	}

}
