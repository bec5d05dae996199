package io.omnis.order;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import io.omnis.channel.ChannelType;
import io.omnis.conversation.OrderStatusLookup;
import io.omnis.kernel.Ids;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Where is my order" as the self-service assistant asks it of the order module: orders
 * placed through the API, then looked up by their number and the e-mail or phone they
 * were placed with. A wrong contact, another customer's contact or an unknown number
 * answer nothing, alike.
 */
class AssistantOrderStatusTests extends OrderFixtures {

	@Autowired
	OrderStatusLookup lookup;

	@Autowired
	java.util.List<io.omnis.conversation.AnswerProvider> assistant;

	/** What the running assistant answers her, first provider that answers. */
	private String ask(String text) {
		var question = new io.omnis.conversation.AnswerProvider.Question(
				new io.omnis.conversation.ConversationId(Ids.next("cnv")), "cus_1", ChannelType.CHAT, "en", text,
				java.util.List.of(new io.omnis.conversation.AnswerProvider.Turn(
						io.omnis.conversation.AuthorKind.CUSTOMER, text)));
		return assistant.stream()
			.map(provider -> provider.answer(question))
			.flatMap(Optional::stream)
			.findFirst()
			.map(io.omnis.conversation.AnswerProvider.Answer::text)
			.orElse("");
	}

	@Test
	void herOrderIsAnsweredWithTheEmailItWasPlacedWithAndWithNoOtherContact() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String ana = "ana-" + suffix + "@example.com";
		String bob = "bob-" + suffix + "@example.com";
		String prices = priceList();
		String lamp = product(prices, 4990);
		receive(lamp, warehouse(), 5);
		Shop web = channel(ChannelType.WEB);
		String cart = newCart(web, "\"email\": \"" + ana + "\"").path("id").asString();
		add(web, cart, lamp, 1).expect(200);
		String order = payByCard(web, cart).expect(201).path("id").asString();
		String bobsCart = newCart(web, "\"email\": \"" + bob + "\"").path("id").asString();
		add(web, bobsCart, lamp, 1).expect(200);
		String bobsOrder = payByCard(web, bobsCart).expect(201).path("id").asString();

		Optional<OrderStatusLookup.OrderStatus> found = lookup.find(order, ana);
		assertThat(found).hasValueSatisfying(status -> {
			assertThat(status.orderNumber()).isEqualTo(order);
			assertThat(status.status()).isEqualTo("paid, being prepared");
		});
		// As she may type them
		assertThat(lookup.find(" " + order.toUpperCase(java.util.Locale.ROOT) + " ",
				ana.toUpperCase(java.util.Locale.ROOT)))
			.isEqualTo(found);

		// Through the assistant as she writes it
		assertThat(ask("Where is my order? It is " + order + ", " + ana))
			.isEqualTo("Order " + order + ": paid, being prepared");
		assertThat(ask("Where is my order? It is " + order + ", " + bob)).startsWith("I could not find that order")
			.doesNotContain("paid");

		// The status follows the order
		backoffice().post("/api/v1/orders/" + order + "/cancel", "{\"reason\": \"changed her mind\"}").expect(200);
		assertThat(lookup.find(order, ana))
			.hasValueSatisfying(status -> assertThat(status.status()).isEqualTo("cancelled"));

		// Another customer's contact, a near miss, or her contact with his order: nothing
		assertThat(lookup.find(order, bob)).isEmpty();
		assertThat(lookup.find(order, "ana-" + suffix + "@example.org")).isEmpty();
		assertThat(lookup.find(bobsOrder, ana)).isEmpty();
		assertThat(lookup.find(bobsOrder, bob)).isPresent();
	}

	@Test
	void aTillSaleIsAnsweredWithThePhoneGivenAtTheTillWrittenAnyWay() {
		String digits = String.format("%07d", Math.abs(UUID.randomUUID().hashCode()) % 10_000_000);
		String prices = priceList();
		String lamp = product(prices, 1290);
		Shop store = store();
		receive(lamp, store.location(), 3);
		String sale = store.api()
			.post("/api/v1/till-sales",
					"""
							{"currency": "EUR", "customer": {"phone": "+35191%s"}, "lines": [{"sku": "%s", "quantity": 1}]}"""
						.formatted(digits, lamp))
			.expect(201)
			.path("id")
			.asString();

		assertThat(lookup.find(sale, "+351 91" + digits.substring(0, 3) + " " + digits.substring(3)))
			.hasValueSatisfying(status -> assertThat(status.status()).isEqualTo("completed"));
		assertThat(lookup.find(sale, "+35192" + digits)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "10042", "ord_", "ord_01jd4k7q8m3v5x6y7z8a9b0c1d", "crt_01jd4k7q8m3v5x6y7z8a9b0c1d",
			"ord_01jd4k7q8m3v5x6y7z8a9b0c1d' or '1'='1" })
	void anUnknownOrMalformedNumberAnswersNothing(String number) {
		assertThat(lookup.find(number, "ana@example.com")).isEmpty();
		assertThat(lookup.find(Ids.next("ord"), "not a contact")).isEmpty();
	}

}
