package io.omnis.conversation.assistant;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.AnswerProvider.Answer;
import io.omnis.conversation.AnswerProvider.Question;
import io.omnis.conversation.AnswerProvider.Turn;
import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.ConversationId;
import io.omnis.conversation.OrderStatusLookup;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Where is my order" through the hook an order module will implement: the assistant asks
 * for proof, answers only for the order placed with the address she gives, and stays
 * silent (so a person answers) while no order module exists. The lookup here is a table
 * of one order standing in for that module, which does not exist yet.
 */
class OrderAnswersTests {

	static final OrderStatusLookup ONE_ORDER = (number,
			contact) -> number.equals("10042") && contact.equals("ana@example.com")
					? Optional.of(new OrderStatusLookup.OrderStatus("10042", "shipped", "https://track.example/10042"))
					: Optional.empty();

	final List<Turn> transcript = new ArrayList<>();

	@Test
	void sheIsAskedForProofThenToldTheStatusOfHerOrderOnly() {
		OrderAnswers answers = new OrderAnswers(provider(ONE_ORDER));
		assertThat(say(answers, "Where is my order?").orElseThrow().text()).isEqualTo(OrderAnswers.ASK);
		assertThat(say(answers, "It is order 10042, bob@example.com").orElseThrow().text())
			.isEqualTo(OrderAnswers.NOT_FOUND);
		Answer found = say(answers, "Sorry: order 10042, ana@example.com").orElseThrow();
		assertThat(found.text()).isEqualTo("Order 10042: shipped. Track it here: https://track.example/10042");
		assertThat(found.settles()).isTrue();
		assertThat(say(answers, "How do I return a lamp?")).isEmpty();
	}

	@Test
	void withoutAnOrderModuleTheQuestionIsLeftForAPerson() {
		assertThat(say(new OrderAnswers(provider(null)), "Where is my order 10042? ana@example.com")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "order 10042, ana@example.com|10042|ana@example.com",
			"#A-5531 from +351 912 345 678|A-5531|+351912345678", "ana@example.com ORD-77812|ORD-77812|ana@example.com",
			"my number is +44 20 7946 0958 and the order is 88123|88123|+442079460958",
			"Order ord_01jd4k7q8m3v5x6y7z8a9b0c1d, ana@example.com|ord_01jd4k7q8m3v5x6y7z8a9b0c1d|ana@example.com" })
	void orderNumbersAndContactsAreReadFromWhatSheWrites(String text, String number, String contact) {
		assertThat(OrderAnswers.contact(text)).isEqualTo(contact);
		assertThat(OrderAnswers.orderNumber(OrderAnswers.withoutContacts(text))).isEqualTo(number);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "I want to talk to a human|true", "Can I speak to an agent?|true",
			"Quero falar com uma pessoa|true", "How do I return a lamp?|false", "Where is my parcel|false" })
	void askingForAPersonIsRecognised(String text, boolean person) {
		assertThat(Intent.asksForPerson(text)).isEqualTo(person);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "Yes, thanks!|true|false", "thank you|true|false", "No|false|true",
			"that didn't help|false|true", "Nope.|false|true", "What about gift cards?|false|false" })
	void settledAndNotHelpedAreRecognised(String text, boolean settled, boolean notHelped) {
		assertThat(Intent.settled(text)).isEqualTo(settled);
		assertThat(Intent.notHelped(text)).isEqualTo(notHelped);
	}

	private Optional<Answer> say(OrderAnswers answers, String text) {
		transcript.add(new Turn(AuthorKind.CUSTOMER, text));
		Optional<Answer> answer = answers.answer(new Question(new ConversationId("cnv_01jd4k7q8m3v5x6y7z8a9b0c1d"),
				"cus_1", ChannelType.CHAT, "en", text, List.copyOf(transcript)));
		answer.ifPresent(a -> transcript.add(new Turn(AuthorKind.ASSISTANT, a.text())));
		return answer;
	}

	private static org.springframework.beans.factory.ObjectProvider<OrderStatusLookup> provider(
			OrderStatusLookup lookup) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		if (lookup != null) {
			beans.registerSingleton("orders", lookup);
		}
		return beans.getBeanProvider(OrderStatusLookup.class);
	}

}
