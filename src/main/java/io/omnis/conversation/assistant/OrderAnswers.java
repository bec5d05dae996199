package io.omnis.conversation.assistant;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.omnis.conversation.AnswerProvider;
import io.omnis.conversation.AuthorKind;
import io.omnis.conversation.OrderStatusLookup;

/**
 * "Where is my order": asks for the order number and the e-mail or phone it was placed
 * with, then answers from the order module's {@link OrderStatusLookup}. Without an order
 * module nothing answers, and the question goes to a person.
 */
@Component
@Order(10)
class OrderAnswers implements AnswerProvider {

	static final String ASK = "To look up your order, please send the order number and the e-mail address "
			+ "or phone number you ordered with.";

	static final String NOT_FOUND = "I could not find that order with that e-mail address or phone number. "
			+ "Please check both, or ask for a person.";

	private static final Pattern ASKS = Pattern.compile("(where('?s| is) my (order|parcel|package|delivery)"
			+ "|order status|status of my order|track(ing)? (my )?(order|parcel|package)|onde est[aá] (a )?minha encomenda"
			+ "|d[oó]nde est[aá] mi pedido)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private static final Pattern EMAIL = Pattern.compile("[^\\s@,;]+@[^\\s@,;]+\\.[^\\s@,;]+");

	private static final Pattern PHONE = Pattern.compile("\\+[0-9][0-9 ()-]{6,}[0-9]");

	private static final Pattern ORDER = Pattern.compile("(?i)(?:order\\s*(?:number|no\\.?|nr\\.?)?\\s*#?\\s*|#)"
			+ "([A-Za-z0-9][A-Za-z0-9-]{2,19})|\\b([A-Za-z]{0,4}-?[0-9]{4,12})\\b");

	/** An order's id as Omnis gives it ({@code ord_} and 26 characters), in any case. */
	private static final Pattern ORDER_ID = Pattern.compile("(?i)\\bord_[0-9a-z]{26}\\b");

	private final ObjectProvider<OrderStatusLookup> orders;

	OrderAnswers(ObjectProvider<OrderStatusLookup> orders) {
		this.orders = orders;
	}

	@Override
	public Optional<Answer> answer(Question question) {
		List<Turn> turns = question.transcript();
		boolean asked = ASKS.matcher(question.text()).find();
		int since = lastAsk(turns);
		if (!asked && since < 0) {
			return Optional.empty();
		}
		OrderStatusLookup lookup = orders.getIfAvailable();
		if (lookup == null) {
			return Optional.empty();
		}
		StringBuilder said = new StringBuilder();
		for (int i = Math.max(0, since); i < turns.size(); i++) {
			if (turns.get(i).author() == AuthorKind.CUSTOMER) {
				said.append(turns.get(i).text()).append('\n');
			}
		}
		if (since < 0) {
			said.append(question.text());
		}
		String contact = contact(said.toString());
		String number = contact == null ? null : orderNumber(withoutContacts(said.toString()));
		if (contact == null || number == null) {
			return Optional.of(new Answer(ASK, null, null, false));
		}
		return Optional.of(lookup.find(number, contact)
			.map(order -> new Answer(
					"Order " + order.orderNumber() + ": " + order.status()
							+ (order.trackingUrl() == null ? "" : ". Track it here: " + order.trackingUrl()),
					null, order.trackingUrl(), true))
			.orElseGet(() -> new Answer(NOT_FOUND, null, null, false)));
	}

	/** Where the assistant last asked for the order's details, or -1. */
	private static int lastAsk(List<Turn> turns) {
		for (int i = turns.size() - 1; i >= 0; i--) {
			Turn turn = turns.get(i);
			if (turn.author() == AuthorKind.ASSISTANT) {
				return turn.text().startsWith(ASK) || turn.text().startsWith(NOT_FOUND) ? i : -1;
			}
		}
		return -1;
	}

	static @Nullable String contact(String text) {
		Matcher email = EMAIL.matcher(text);
		if (email.find()) {
			return email.group().replaceAll("[.]$", "");
		}
		Matcher phone = PHONE.matcher(text);
		return phone.find() ? phone.group().replaceAll("[ ()-]", "") : null;
	}

	static String withoutContacts(String text) {
		return PHONE.matcher(EMAIL.matcher(text).replaceAll(" ")).replaceAll(" ");
	}

	static @Nullable String orderNumber(String text) {
		Matcher id = ORDER_ID.matcher(text);
		if (id.find()) {
			return id.group();
		}
		Matcher order = ORDER.matcher(text);
		while (order.find()) {
			String found = order.group(1) != null ? order.group(1) : order.group(2);
			if (found != null && found.chars().anyMatch(Character::isDigit)) {
				return found;
			}
		}
		return null;
	}

}
